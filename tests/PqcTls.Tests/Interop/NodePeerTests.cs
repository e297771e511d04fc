using PqcTls.Handshake;

namespace PqcTls.Tests.Interop;

[Collection(NodeTlsCollection.Name)]
public sealed class NodePeerTests
{
    private readonly NodeTlsServers _node;

    public NodePeerTests(NodeTlsServers node)
    {
        _node = node;
    }

    private static HandshakeCheckOptions Options(TlsNamedGroup[] supported, TlsNamedGroup[] shares)
    {
        var options = new HandshakeCheckOptions { ServerName = "localhost", Timeout = TimeSpan.FromSeconds(10) };
        options.SupportedGroups.Clear();
        options.KeyShareGroups.Clear();
        foreach (TlsNamedGroup group in supported)
        {
            options.SupportedGroups.Add(group);
        }

        foreach (TlsNamedGroup group in shares)
        {
            options.KeyShareGroups.Add(group);
        }

        return options;
    }

    [Fact]
    public void Fixture_Node_IsBuiltWithOpenSsl35()
    {
        Assert.StartsWith("3.5.", _node.OpenSslVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HybridOnlyServer_NegotiatesX25519MLKem768AndVerifiesSecret()
    {
        var options = Options([TlsNamedGroup.X25519MLKem768, TlsNamedGroup.X25519], [TlsNamedGroup.X25519MLKem768, TlsNamedGroup.X25519]);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", _node.Hybrid, options);

        Assert.Equal(TlsNamedGroup.X25519MLKem768, result.NegotiatedGroup);
        Assert.True(result.SecretVerified, result.Failure);
        Assert.False(result.HelloRetryRequested);
    }

    [Fact]
    public async Task RunAsync_ClassicalOnlyServer_NegotiatesX25519()
    {
        var options = Options([TlsNamedGroup.X25519MLKem768, TlsNamedGroup.X25519], [TlsNamedGroup.X25519MLKem768, TlsNamedGroup.X25519]);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", _node.Classical, options);

        Assert.Equal(TlsNamedGroup.X25519, result.NegotiatedGroup);
        Assert.False(result.IsHybrid);
        Assert.True(result.SecretVerified, result.Failure);
    }

    [Fact]
    public async Task RunAsync_ClassicalOnlyServerHybridOnlyOffer_HandshakeFailureAlert()
    {
        var options = Options([TlsNamedGroup.X25519MLKem768], [TlsNamedGroup.X25519MLKem768]);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", _node.Classical, options);

        Assert.Null(result.NegotiatedGroup);
        Assert.Equal(TlsAlertDescription.HandshakeFailure, result.ServerAlert);
        Assert.False(result.SecretVerified);
    }

    [Fact]
    public async Task RunAsync_P256HybridServer_NegotiatesSecP256r1MLKem768()
    {
        var options = Options([TlsNamedGroup.X25519MLKem768, TlsNamedGroup.SecP256r1MLKem768], [TlsNamedGroup.X25519MLKem768, TlsNamedGroup.SecP256r1MLKem768]);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", _node.P256Hybrid, options);

        Assert.Equal(TlsNamedGroup.SecP256r1MLKem768, result.NegotiatedGroup);
        Assert.True(result.SecretVerified, result.Failure);
    }

    [Fact]
    public async Task RunAsync_P256HybridServerX25519HybridShare_HelloRetryToP256Hybrid()
    {
        var options = Options([TlsNamedGroup.X25519MLKem768, TlsNamedGroup.SecP256r1MLKem768], [TlsNamedGroup.X25519MLKem768]);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", _node.P256Hybrid, options);

        Assert.True(result.HelloRetryRequested);
        Assert.Equal(TlsNamedGroup.SecP256r1MLKem768, result.NegotiatedGroup);
        Assert.True(result.SecretVerified, result.Failure);
    }

    [Fact]
    public async Task RunAsync_HelloRetryServerClassicalShare_RetriesToHybridAndVerifies()
    {
        var options = Options([TlsNamedGroup.X25519MLKem768, TlsNamedGroup.X25519], [TlsNamedGroup.X25519]);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", _node.HelloRetry, options);

        Assert.True(result.HelloRetryRequested);
        Assert.Equal(TlsNamedGroup.X25519MLKem768, result.HelloRetryGroup);
        Assert.Equal(TlsNamedGroup.X25519MLKem768, result.NegotiatedGroup);
        Assert.True(result.SecretVerified, result.Failure);
    }

    [Fact]
    public async Task RunAsync_ThreeSharesOver2500Bytes_AcceptedByOpenSsl()
    {
        var options = Options(
            [TlsNamedGroup.X25519MLKem768, TlsNamedGroup.SecP256r1MLKem768, TlsNamedGroup.X25519],
            [TlsNamedGroup.X25519MLKem768, TlsNamedGroup.SecP256r1MLKem768, TlsNamedGroup.X25519]);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", _node.Hybrid, options);

        // 1216 + 1249 + 32 bytes of shares alone exceed one Ethernet segment twice over.
        Assert.True(result.ClientHelloLength > 2500, result.ClientHelloLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(result.SecretVerified, result.Failure);
    }

    [Fact]
    public async Task RunAsync_GreaseAndPaddingWithHelloRetry_AcceptedByOpenSsl()
    {
        var options = Options([TlsNamedGroup.X25519MLKem768, TlsNamedGroup.X25519], [TlsNamedGroup.X25519]);
        options.UseGrease = true;
        options.PadToLength = 2000;

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", _node.HelloRetry, options);

        // 2000-byte handshake message + 5-byte record header.
        Assert.True(result.ClientHelloLength == 2005, result.Failure);
        Assert.True(result.HelloRetryRequested);
        Assert.True(result.SecretVerified, result.Failure);
    }

    [Fact]
    public async Task NodeClient_RealOpenSslClientHello_ParsedIncrementally()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        string script = Path.Combine(AppContext.BaseDirectory, "TestData", "node", "tls-client.js");
        using var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(PqcTls.Tests.KeyExchange.NodeLocator.Find(), [script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "pq.example.test"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using System.Net.Sockets.TcpClient client = await listener.AcceptTcpClientAsync(timeout.Token);
        var reader = System.IO.Pipelines.PipeReader.Create(client.GetStream());

        ClientHello hello = await ClientHelloReader.ReadAsync(reader, null, timeout.Token);

        // OpenSSL 3.5's default client: X25519MLKEM768 (1216 bytes) and x25519 (32 bytes) shares, TLS 1.3 offered.
        Assert.Equal("pq.example.test", hello.ServerName);
        Assert.Equal(TlsNamedGroup.X25519MLKem768, hello.SupportedGroups[0]);
        Assert.Equal(1216, hello.KeyShares.Single(s => s.Group == TlsNamedGroup.X25519MLKem768).KeyExchange.Length);
        Assert.Equal(32, hello.KeyShares.Single(s => s.Group == TlsNamedGroup.X25519).KeyExchange.Length);
        Assert.Contains((ushort)0x0304, hello.SupportedVersions);
        Assert.Equal(new[] { "h2", "http/1.1" }, hello.ApplicationProtocols);
        byte[] record = PqcTls.Records.TlsRecordLayer.FrameWhole(hello.Message.Span);
        var parser = new ClientHelloReader();
        for (int cut = 1; cut < record.Length; cut++)
        {
            var split = PqcTls.Tests.Support.Sequences.FromChunks(PqcTls.Tests.Support.Sequences.Cut(record, [cut]));
            Assert.True(parser.TryRead(split, out _, out _));
            Assert.Equal("pq.example.test", parser.GetServerName());
        }

        client.Close();
        node.WaitForExit(5000);
    }

    [Fact]
    public async Task Probe_HelloRetryServer_ReportsHybridAndHelloRetryToHybrid()
    {
        var options = new PqcTls.Probing.PqcProbeOptions { ServerName = "localhost", TestFragmentation = false };

        PqcTls.Probing.PqcProbeReport report = await PqcTls.Probing.PqcProbe.RunAsync("127.0.0.1", _node.HelloRetry, options);

        Assert.Equal(TlsNamedGroup.X25519MLKem768, report.NegotiatedGroup);
        Assert.True(report.SecretVerified);
        Assert.True(report.HelloRetryToHybrid);
        Assert.False(report.AcceptsDraftKyber);
        Assert.Equal(TlsNamedGroup.X25519, report.DraftKyberOffer!.NegotiatedGroup);
        Assert.Equal([true, false, false], report.Hybrids.Select(h => h.SecretVerified));
    }

    [Fact]
    public async Task Probe_ClassicalServer_ReportsClassicalAndNoHybrid()
    {
        var options = new PqcTls.Probing.PqcProbeOptions { ServerName = "localhost", TestFragmentation = false };

        PqcTls.Probing.PqcProbeReport report = await PqcTls.Probing.PqcProbe.RunAsync("127.0.0.1", _node.Classical, options);

        Assert.Equal(TlsNamedGroup.X25519, report.NegotiatedGroup);
        Assert.False(report.Hybrid);
        Assert.True(report.SecretVerified);
        Assert.False(report.HelloRetryToHybrid);
        Assert.All(report.Hybrids, h => Assert.Equal(TlsAlertDescription.HandshakeFailure, h.Result!.ServerAlert));
    }
}
