using PqcTls.Handshake;
using PqcTls.KeyExchange;
using PqcTls.Tests.Support;

namespace PqcTls.Tests.Handshake;

public sealed class HandshakeCheckBadInputTests
{
    private static HandshakeCheckOptions Options(int timeoutMs = 5000) => new() { ServerName = "localhost", Timeout = TimeSpan.FromMilliseconds(timeoutMs) };

    private static async Task<PqcTlsException> FailsAsync(Func<ClientHello, byte[]> script, int timeoutMs = 5000, bool holdOpen = false)
    {
        await using var server = new ScriptedTlsServer(script, holdOpen);
        return await Assert.ThrowsAsync<PqcTlsException>(() => HandshakeCheck.RunAsync("127.0.0.1", server.Port, Options(timeoutMs)));
    }

    private static byte[] ValidServerShare(ClientHello hello)
    {
        TlsKeyShare clientShare = hello.KeyShares.Single(s => s.Group == TlsNamedGroup.X25519MLKem768);
        using KeyExchangeServerResult result = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768).Encapsulate(clientShare.KeyExchange.Span);
        return result.ServerShare.ToArray();
    }

    [Fact]
    public async Task RunAsync_RecordLongerThanAllowed_RecordOverflowAtLengthField()
    {
        PqcTlsException e = await FailsAsync(_ => [22, 3, 3, 0x42, 0x01, 2]);

        Assert.Equal(TlsAlertDescription.RecordOverflow, e.Alert);
        Assert.Equal(3, e.ByteOffset);
    }

    [Fact]
    public async Task RunAsync_TruncatedRecordThenClose_DecodeErrorAtEnd()
    {
        PqcTlsException e = await FailsAsync(_ => [22, 3, 3, 0, 100, 2, 0, 0, 96, 3, 3]);

        // 5 header bytes + 6 payload bytes arrived before the close.
        Assert.Equal(TlsAlertDescription.DecodeError, e.Alert);
        Assert.Equal(11, e.ByteOffset);
    }

    [Fact]
    public async Task RunAsync_UnknownRecordType_UnexpectedMessageAtZero()
    {
        PqcTlsException e = await FailsAsync(_ => "HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray());

        Assert.Equal(TlsAlertDescription.UnexpectedMessage, e.Alert);
        Assert.Equal(0, e.ByteOffset);
    }

    [Fact]
    public async Task RunAsync_AbsurdHandshakeLength_DecodeError()
    {
        PqcTlsException e = await FailsAsync(_ => [22, 3, 3, 0, 4, 2, 0xFF, 0xFF, 0xFF]);

        Assert.Equal(TlsAlertDescription.DecodeError, e.Alert);
        Assert.Equal(6, e.ByteOffset);
    }

    [Fact]
    public async Task RunAsync_ServerShareOneByteShort_IllegalParameter()
    {
        PqcTlsException e = await FailsAsync(h => ScriptedTlsServer.ServerHelloRecord(h, 0x11EC, ValidServerShare(h)[..^1]));

        Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
    }

    [Fact]
    public async Task RunAsync_GroupNotOffered_IllegalParameter()
    {
        PqcTlsException e = await FailsAsync(h => ScriptedTlsServer.ServerHelloRecord(h, 0x11ED, new byte[1665]));

        Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
        Assert.Equal(9, e.ByteOffset);
    }

    [Fact]
    public async Task RunAsync_GarbageInsteadOfEncryptedExtensions_BadRecordMac()
    {
        byte[] Script(ClientHello h)
        {
            byte[] serverHello = ScriptedTlsServer.ServerHelloRecord(h, 0x11EC, ValidServerShare(h));
            return [.. serverHello, 20, 3, 3, 0, 1, 1, 23, 3, 3, 0, 40, .. TestHellos.Pattern(40)];
        }

        PqcTlsException e = await FailsAsync(Script);

        Assert.Equal(TlsAlertDescription.BadRecordMac, e.Alert);
        // ServerHello body: version 2 + random 32 + session id 1+32 + suite 2 + compression 1 = 70; extensions length 2;
        // supported_versions 6; key_share 4 + 2 + 2 + 1120 = 1128 -> body 1206, message 1210, record 1215.
        // The change_cipher_spec record takes 6 more, so the protected record starts at byte 1221.
        Assert.Equal(1221, e.ByteOffset);
    }

    [Fact]
    public async Task RunAsync_SilentServer_TimesOutWithinBound()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        PqcTlsException e = await FailsAsync(_ => [], timeoutMs: 300, holdOpen: true);

        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), started.Elapsed.ToString());
    }

    [Fact]
    public async Task RunAsync_ServerAlert_ReportedInResult()
    {
        await using var server = new ScriptedTlsServer(_ => [21, 3, 3, 0, 2, 2, 40]);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", server.Port, Options());

        Assert.Equal(TlsAlertDescription.HandshakeFailure, result.ServerAlert);
        Assert.Null(result.NegotiatedGroup);
        Assert.False(result.SecretVerified);
    }

    [Fact]
    public async Task RunAsync_ServerSelectsDraftKyber_ReportedUnverified()
    {
        await using var server = new ScriptedTlsServer(h => ScriptedTlsServer.ServerHelloRecord(h, 0x6399, new byte[1120]));
        HandshakeCheckOptions options = Options();
        options.SupportedGroups.Clear();
        options.SupportedGroups.Add(TlsNamedGroup.X25519Kyber768Draft00);
        options.SupportedGroups.Add(TlsNamedGroup.X25519);
        options.KeyShareGroups.Clear();
        options.KeyShareGroups.Add(TlsNamedGroup.X25519Kyber768Draft00);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", server.Port, options);

        Assert.Equal(TlsNamedGroup.X25519Kyber768Draft00, result.NegotiatedGroup);
        Assert.False(result.SecretVerified);
        Assert.Contains("Kyber", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void DraftKyberShare_Create_X25519FirstThenReducedKey()
    {
        byte[] share = DraftKyberProbeShare.Create();

        Assert.Equal(1216, share.Length);

        // The 1184-byte key after the X25519 part must pass the ML-KEM-768 modulus check: re-wrapped ML-KEM first,
        // X25519 last, it is a valid X25519MLKEM768 client share that the key exchange accepts.
        byte[] asHybrid = [.. share[32..], .. share[..32]];
        using KeyExchangeServerResult accepted = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768).Encapsulate(asHybrid);
        Assert.Equal(1120, accepted.ServerShare.Length);
    }

    [Fact]
    public async Task RunAsync_ServerHelloSplitAcrossRecords_ReassembledThenChecksEncryptedRecord()
    {
        byte[] Script(ClientHello h)
        {
            byte[] record = ScriptedTlsServer.ServerHelloRecord(h, 0x11EC, ValidServerShare(h));
            byte[] split = PqcTls.Records.TlsRecordLayer.Frame(record.AsSpan(5), [3, 700], 0x0303);
            return [.. split, 23, 3, 3, 0, 40, .. TestHellos.Pattern(40)];
        }

        PqcTlsException e = await FailsAsync(Script);

        // Reaching the protected record proves the three-record ServerHello was reassembled and accepted:
        // 1210 message bytes + 3 record headers = 1225.
        Assert.Equal(TlsAlertDescription.BadRecordMac, e.Alert);
        Assert.Equal(1225, e.ByteOffset);
    }

    [Fact]
    public async Task RunAsync_SessionIdNotEchoed_IllegalParameterAtEcho()
    {
        byte[] Script(ClientHello h)
        {
            byte[] record = ScriptedTlsServer.ServerHelloRecord(h, 0x11EC, ValidServerShare(h));

            // record header 5 + handshake header 4 + version 2 + random 32 = 43: the echo's length byte; flip its first byte.
            record[44] ^= 0xFF;
            return record;
        }

        PqcTlsException e = await FailsAsync(Script);

        Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
        Assert.Equal(43, e.ByteOffset);
    }
}
