using PqcTls.Probing;
using PqcTls.Tests.Interop;
using PqcTls.Tests.Support;

namespace PqcTls.Tests.Probing;

[Collection(NodeTlsCollection.Name)]
public sealed class FragmentationTesterTests
{
    private readonly NodeTlsServers _node;

    public FragmentationTesterTests(NodeTlsServers node)
    {
        _node = node;
    }

    private static FragmentationTesterOptions Quick() => new() { ServerName = "localhost", Timeout = TimeSpan.FromSeconds(5) };

    private static string Describe(FragmentationReport report) =>
        string.Join("; ", report.Cases.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Outcome} {c.Alert}"));

    [Fact]
    public async Task RunAsync_NodeOpenSslHybridServer_Tolerant()
    {
        FragmentationReport report = await FragmentationTester.RunAsync("127.0.0.1", _node.Hybrid, Quick());

        Assert.True(report.Tolerant, Describe(report));
        Assert.True(report.Cases.Count >= 40, report.Cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(report.Cases, c => c.Kind == FragmentationKind.Records && c.Records > 10);
        Assert.Contains(report.Cases, c => c.Kind == FragmentationKind.Delayed && c.Elapsed >= TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task RunAsync_BouncyCastleServer_Tolerant()
    {
        await using var server = EmbeddedTlsServer.Start([TlsNamedGroup.X25519MLKem768, TlsNamedGroup.X25519]);
        FragmentationTesterOptions options = Quick();
        options.Delays.Clear();
        options.Delays.Add(TimeSpan.FromMilliseconds(50));

        FragmentationReport report = await FragmentationTester.RunAsync("127.0.0.1", server.EndPoint.Port, options);

        Assert.True(report.Tolerant, Describe(report));
    }

    [Fact]
    public async Task RunAsync_BrokenOneReadRouter_Intolerant()
    {
        await using var backend = EmbeddedTlsServer.Start([TlsNamedGroup.X25519MLKem768, TlsNamedGroup.X25519]);
        await using var router = new BrokenSniRouter(backend.EndPoint);
        FragmentationTesterOptions options = Quick();
        options.Delays.Clear();

        // A generous gap so that, even on a loaded machine, the router's one read happens before the next segment.
        options.SegmentGap = TimeSpan.FromMilliseconds(60);

        FragmentationReport report = await FragmentationTester.RunAsync("127.0.0.1", router.Port, options);

        Assert.True(report.ControlCompleted, Describe(report));
        Assert.False(report.Tolerant);

        // Every split case should be reset by the one-read router; allow a few to slip through when a loaded machine
        // delays the router's read past the segment gap (then both segments arrive in one read).
        FragmentationCaseResult[] split = report.Cases.Where(c => c.Kind != FragmentationKind.Control).ToArray();
        int reset = split.Count(c => c.Outcome == FragmentationOutcome.Reset);
        Assert.True(reset >= split.Length * 0.8, $"{reset} of {split.Length} reset: {Describe(report)}");
        Assert.Equal(split.Length, reset + split.Count(c => c.Passed));
    }

    [Fact]
    public async Task RunAsync_NothingListening_ThrowsForControl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        await Assert.ThrowsAsync<PqcTlsException>(() => FragmentationTester.RunAsync("127.0.0.1", port, Quick()));
    }

    [Fact]
    public void Plan_Quick_CoversEveryHeaderOffsetAndTheRegions()
    {
        byte[] message = TestHellos.HybridMessage();

        var plan = FragmentationPlan.Create(message, full: false, [TimeSpan.FromMilliseconds(100)]);
        var tcpCuts = plan.Where(c => c.Kind == FragmentationKind.TcpSegments && c.SegmentCuts.Length == 1).Select(c => c.SegmentCuts[0]).ToHashSet();

        // Every offset 1..9 (record header 1..5, handshake header 6..9).
        Assert.True(Enumerable.Range(1, 9).All(tcpCuts.Contains));

        // The X25519MLKEM768 share: key_share at 5 + 180 (message offset, see ClientHelloBuilderTests); its first entry's
        // key_exchange starts 4 (ext header) + 2 (list length) + 4 (entry header) later = wire 195; ek/X25519 boundary 195 + 1184.
        Assert.Contains(5 + 180, tcpCuts);
        Assert.Contains(195 + 1184, tcpCuts);
        Assert.Contains(5 + message.Length - 1, tcpCuts);
        Assert.Contains(plan, c => c.Kind == FragmentationKind.Records && c.RecordCuts is [1]);
        Assert.Equal(FragmentationKind.Control, plan[0].Kind);
    }

    [Fact]
    public void Plan_Full_SplitsAtEveryOffsetOfTheKeyShare()
    {
        byte[] message = TestHellos.HybridMessage();

        var plan = FragmentationPlan.Create(message, full: true, []);
        var tcpCuts = plan.Where(c => c.Kind == FragmentationKind.TcpSegments && c.SegmentCuts.Length == 1).Select(c => c.SegmentCuts[0]).ToHashSet();

        Assert.True(Enumerable.Range(5 + 180, 1262).All(tcpCuts.Contains));
        Assert.True(plan.Count(c => c.Kind == FragmentationKind.Records) > message.Length - 10);
    }
}
