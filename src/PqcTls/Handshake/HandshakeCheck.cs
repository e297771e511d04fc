using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using PqcTls.KeyExchange;
using PqcTls.Records;

namespace PqcTls.Handshake;

/// <summary>
/// Proves a server's key exchange: sends a ClientHello, reads the ServerHello (answering a HelloRetryRequest once),
/// derives the shared secret, runs the TLS 1.3 key schedule and decrypts the server's EncryptedExtensions with the
/// derived handshake key. A successful decryption proves both sides computed the same hybrid secret.
/// </summary>
/// <remarks>
/// This is a probe, not a TLS stack: it validates no certificate, sends no Finished and carries no application
/// data. It closes the connection once EncryptedExtensions is read.
/// </remarks>
public static class HandshakeCheck
{
    private const ushort Draft00 = (ushort)TlsNamedGroup.X25519Kyber768Draft00;

    /// <summary>Connects to a TCP endpoint and runs the check.</summary>
    /// <param name="host">Host name or address.</param>
    /// <param name="port">TCP port.</param>
    /// <param name="options">What to offer; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>What the server did.</returns>
    /// <exception cref="PqcTlsException">The server broke the protocol (alert and byte offset say how and where),
    /// sent a bad
    /// key share, closed early, or a step timed out.</exception>
    public static async Task<HandshakeCheckResult> RunAsync(string host, int port,
        HandshakeCheckOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        options ??= new HandshakeCheckOptions();
        using Socket socket = await TcpConnector.ConnectAsync(host, port, options.Timeout, options.TimeProvider,
            cancellationToken).ConfigureAwait(false);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        return await RunAsync(stream, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the check over an already connected stream (for example a TCP connection through a proxy).
    /// </summary>
    /// <param name="stream">The connection.</param>
    /// <param name="options">What to offer; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>What the server did.</returns>
    /// <exception cref="PqcTlsException">The server broke the protocol, sent a bad key share, closed early, or a step
    /// timed out.</exception>
    public static async Task<HandshakeCheckResult> RunAsync(Stream stream, HandshakeCheckOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new HandshakeCheckOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        var shares = new Dictionary<TlsNamedGroup, KeyExchangeClientShare>();
        try
        {
            return await RunCoreAsync(stream, options, shares, cancellationToken).ConfigureAwait(false);
        }
        catch (TlsPeerAlertException e)
        {
            return new HandshakeCheckResult { ServerAlert = e.Alert, Failure = e.Message };
        }
        catch (TimeoutException e)
        {
            throw new PqcTlsException(e.Message, null, null, e);
        }
        catch (IOException e)
        {
            throw new PqcTlsException("The connection failed: " + e.Message, null, null, e);
        }
        finally
        {
            foreach (KeyExchangeClientShare share in shares.Values)
            {
                share.Dispose();
            }
        }
    }

    private static async Task<HandshakeCheckResult> RunCoreAsync(
        Stream stream,
        HandshakeCheckOptions options,
        Dictionary<TlsNamedGroup, KeyExchangeClientShare> shares,
        CancellationToken cancellationToken)
    {
        var hello = new ClientHelloOptions
        {
            ServerName = options.ServerName,
            UseGrease = options.UseGrease,
            PadToLength = options.PadToLength,
            Random = RandomNumberGenerator.GetBytes(32),
            SessionId = RandomNumberGenerator.GetBytes(32),
        };
        hello.SupportedGroups.Clear();
        foreach (TlsNamedGroup group in options.SupportedGroups)
        {
            hello.SupportedGroups.Add(group);
        }

        foreach (string protocol in options.ApplicationProtocols)
        {
            hello.ApplicationProtocols.Add(protocol);
        }

        var entries = new List<TlsKeyShare>();
        foreach (TlsNamedGroup group in options.SupportedGroups.Where(options.KeyShareGroups.Contains))
        {
            entries.Add(MakeShare(group, shares));
        }

        byte[] clientHello1 = ClientHelloBuilder.BuildMessage(hello, entries);
        byte[] wire = TlsRecordLayer.FrameWhole(clientHello1);
        await WriteAsync(stream, wire, options, cancellationToken).ConfigureAwait(false);

        var records = new TlsRecordReader(stream, options.Timeout, options.TimeProvider);
        var flight = new ServerFlightReader(records);
        (byte[] first, Func<int,
            long> map) = await flight.ReadHandshakeMessageAsync(cancellationToken).ConfigureAwait(false);
        ServerHello serverHello = ServerHello.Parse(first, map);
        RequireSessionEcho(serverHello, hello, map);
        var transcript = new List<byte[]> { clientHello1 };
        TlsNamedGroup? retryGroup = null;

        if (serverHello.IsHelloRetryRequest)
        {
            TlsNamedGroup requested = serverHello.Group!.Value;
            Require(options.SupportedGroups.Contains(requested) && !shares.ContainsKey(requested), map(4),
                TlsAlertDescription.IllegalParameter,
                $"The HelloRetryRequest asks for {TlsNamedGroups.GetName(requested)}, which was not offered or already had a share");
            Require(Tls13CipherSuite.Find(serverHello.CipherSuite) is not null, map(4), TlsAlertDescription.IllegalParameter,
                "The HelloRetryRequest selects a cipher suite that was not offered");
            flight.RequireRecordBoundary();
            retryGroup = requested;
            Tls13CipherSuite retrySuite = Tls13CipherSuite.Find(serverHello.CipherSuite)!;
            byte[] hash1 = Tls13KeySchedule.HashOf(retrySuite.Hash, clientHello1);
            byte[] messageHash = [TlsHandshakeType.MessageHash, 0, 0, (byte)hash1.Length, .. hash1];
            transcript = [messageHash, first];

            hello.Cookie = serverHello.Cookie;
            hello.OmitGreaseKeyShare = true;
            byte[] clientHello2 = ClientHelloBuilder.BuildMessage(hello, [MakeShare(requested, shares)]);
            transcript.Add(clientHello2);
            await WriteAsync(stream, TlsRecordLayer.FrameWhole(clientHello2, TlsRecordLayer.LegacyRecordVersion),
                options, cancellationToken).ConfigureAwait(false);
            (first, map) = await flight.ReadHandshakeMessageAsync(cancellationToken).ConfigureAwait(false);
            serverHello = ServerHello.Parse(first, map);
            Require(!serverHello.IsHelloRetryRequest, map(0), TlsAlertDescription.UnexpectedMessage,
                "The server sent a second HelloRetryRequest");
            RequireSessionEcho(serverHello, hello, map);
            Require(serverHello.Group == requested, map(4), TlsAlertDescription.IllegalParameter,
                "The ServerHello after a HelloRetryRequest selects a different group");
            Require(serverHello.CipherSuite == retrySuite.Code, map(4), TlsAlertDescription.IllegalParameter,
                "The ServerHello after a HelloRetryRequest selects a different cipher suite");
        }

        TlsNamedGroup selected = serverHello.Group!.Value;
        Tls13CipherSuite? suite = Tls13CipherSuite.Find(serverHello.CipherSuite);
        Require(suite is not null, map(4), TlsAlertDescription.IllegalParameter,
            $"The server selected cipher suite 0x{serverHello.CipherSuite:X4}, which was not offered");
        Require(shares.TryGetValue(selected, out KeyExchangeClientShare? share) || (ushort)selected == Draft00, map(4),
            TlsAlertDescription.IllegalParameter, $"The server selected {TlsNamedGroups.GetName(selected)}, for which no key share was sent");
        flight.RequireRecordBoundary();

        var result = new HandshakeCheckResult
        {
            NegotiatedGroup = selected,
            HelloRetryRequested = retryGroup is not null,
            HelloRetryGroup = retryGroup,
            CipherSuite = serverHello.CipherSuite,
            ClientHelloLength = wire.Length,
        };
        if (share is null)
        {
            return Copy(result, verified: false,
                "The server selected X25519Kyber768Draft00 (Kyber round 3), which cannot be computed with ML-KEM");
        }

        byte[] secret = share.DeriveSharedSecret(serverHello.KeyExchange);
        transcript.Add(first);
        byte[] transcriptHash = Tls13KeySchedule.HashOf(suite!.Hash, transcript.SelectMany(m => m).ToArray());
        byte[] trafficSecret = Tls13KeySchedule.ServerHandshakeTrafficSecret(suite, secret, transcriptHash);
        CryptographicOperations.ZeroMemory(secret);
        (byte[] key, byte[] iv) = Tls13KeySchedule.TrafficKeys(suite, trafficSecret);

        TlsRecord record = await flight.ReadProtectedRecordAsync(cancellationToken).ConfigureAwait(false);
        byte[]? plaintext = suite.Open(key, Tls13KeySchedule.Nonce(iv, 0), record.Header, record.Payload);
        Require(plaintext is not null, record.Offset, TlsAlertDescription.BadRecordMac,
            "The first protected record does not decrypt under the derived handshake key: the shared secrets differ");
        int end = plaintext!.Length;
        while (end > 0 && plaintext[end - 1] == 0)
        {
            end--;
        }

        Require(end >= 5 && plaintext[end - 1] == (byte)TlsContentType.Handshake
            && plaintext[0] == TlsHandshakeType.EncryptedExtensions,
            record.Offset + TlsRecordLayer.HeaderLength, TlsAlertDescription.UnexpectedMessage,
            "The first protected record is not an EncryptedExtensions handshake message");
        return Copy(result, verified: true, null);
    }

    private static HandshakeCheckResult Copy(HandshakeCheckResult r, bool verified, string? failure) => new()
    {
        NegotiatedGroup = r.NegotiatedGroup,
        HelloRetryRequested = r.HelloRetryRequested,
        HelloRetryGroup = r.HelloRetryGroup,
        CipherSuite = r.CipherSuite,
        ClientHelloLength = r.ClientHelloLength,
        SecretVerified = verified,
        Failure = failure,
    };

    private static TlsKeyShare MakeShare(TlsNamedGroup group, Dictionary<TlsNamedGroup, KeyExchangeClientShare> shares)
    {
        if ((ushort)group == Draft00)
        {
            return new TlsKeyShare(group, DraftKyberProbeShare.Create());
        }

        KeyExchangeClientShare share = KeyExchangeGroup.Get(group).GenerateClientShare();
        shares[group] = share;
        return new TlsKeyShare(group, share.PublicShare.ToArray());
    }

    private static void RequireSessionEcho(ServerHello serverHello, ClientHelloOptions hello, Func<int, long> map) =>
        Require(serverHello.SessionIdEcho.AsSpan().SequenceEqual(hello.SessionId!.Value.Span), map(4 + 2 + 32),
            TlsAlertDescription.IllegalParameter, "legacy_session_id_echo does not match the ClientHello's session id");

    private static void Require(bool condition, long offset, TlsAlertDescription alert, string message)
    {
        if (!condition)
        {
            throw new PqcTlsException(string.Create(CultureInfo.InvariantCulture, $"{message} (at byte {offset})."),
                alert, offset);
        }
    }

    private static async Task WriteAsync(Stream stream, byte[] data, HandshakeCheckOptions options,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await stream.WriteAsync(data, linked.Token).ConfigureAwait(false);
            await stream.FlushAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested
            && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"Writing the ClientHello took longer than {options.Timeout.TotalMilliseconds:0} ms."));
        }
    }
}
