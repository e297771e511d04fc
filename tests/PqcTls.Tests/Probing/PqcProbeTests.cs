using PqcTls.Probing;
using PqcTls.Tests.Interop;

namespace PqcTls.Tests.Probing;

[Collection(NodeTlsCollection.Name)]
public sealed class PqcProbeTests
{
    private readonly NodeTlsServers _node;

    public PqcProbeTests(NodeTlsServers node)
    {
        _node = node;
    }

    [Fact]
    public async Task RunAsync_NodeSecP256r1MLKem768OnlyServer_FragmentationSplitsAHelloTheServerAccepts()
    {
        // OpenSSL with ecdhCurve 'SecP256r1MLKEM768' refuses the modern offer (X25519MLKEM768, x25519, secp256r1)
        // with handshake_failure but accepts SecP256r1MLKEM768 alone. The fragmentation cases must offer that group;
        // with the default offer even the unsplit control fails and every case would be counted as a failure.
        var options = new PqcProbeOptions { ServerName = "localhost", Timeout = TimeSpan.FromSeconds(5) };

        PqcProbeReport report = await PqcProbe.RunAsync("127.0.0.1", _node.P256Hybrid, options);

        Assert.Null(report.NegotiatedGroup);
        Assert.Equal(TlsAlertDescription.HandshakeFailure, report.Default!.Result!.ServerAlert);
        Assert.Equal(TlsNamedGroup.SecP256r1MLKem768, report.Hybrids[1].NegotiatedGroup);
        FragmentationReport fragmentation = report.Fragmentation!;
        Assert.True(fragmentation.ControlCompleted,
            string.Join("; ", fragmentation.Cases.Take(3).Select(c => $"{c.Name}: {c.Outcome} {c.Alert}")));
        Assert.Equal(0, fragmentation.Failed);
        Assert.True(fragmentation.Tolerant);
    }
}
