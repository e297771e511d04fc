using System.Text.Json.Nodes;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Election;
using DeviceHealth.Kubernetes.Tests.FakeApi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Kubernetes.Tests.Election;

public sealed class LeaseLeaderElectorTests : IAsyncLifetime
{
    private const string LeasePath = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/devicehealth-controller";
    private FakeKubernetesApiServer _server = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CancellationTokenSource _testTimeout = new(TimeSpan.FromSeconds(20));

    public async Task InitializeAsync() => _server = await FakeKubernetesApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _testTimeout.Dispose();
    }

    [Fact]
    public async Task RunAsync_NoLease_CreatesItAndLeads()
    {
        using var stop = new CancellationTokenSource();
        var (elector, run, leads) = Start("a", stop.Token);

        await FakeKubernetesApiServer.WaitUntilAsync(() => elector.IsLeader && leads.Count == 1, "a to lead");

        var lease = Lease();
        Assert.Equal("a", lease["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.Equal(15, lease["spec"]!["leaseDurationSeconds"]!.GetValue<int>());
        Assert.StartsWith("2026-03-01T12:00:00", lease["spec"]!["renewTime"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(_server.Requests, r => r.Method == "POST");
        await stop.CancelAsync();
        await run.WaitAsync(_testTimeout.Token);
    }

    [Fact]
    public async Task RunAsync_LeaderRenews_FollowerNeverLeadsAndLeaderStaysSingle()
    {
        using var stop = new CancellationTokenSource();
        var (a, runA, leadsA) = Start("a", stop.Token);
        await FakeKubernetesApiServer.WaitUntilAsync(() => a.IsLeader, "a to lead");
        var (b, runB, leadsB) = Start("b", stop.Token);

        // Thirty seconds of model time: twice the lease duration, with renewals every 2 s.
        await AdvanceAsync(TimeSpan.FromSeconds(30), () => Assert.False(a.IsLeader && b.IsLeader));

        Assert.True(a.IsLeader);
        Assert.False(b.IsLeader);
        Assert.Empty(leadsB);
        Assert.Equal("a", Lease()["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.True(_server.Requests.Count(r => r.Method == "PUT") >= 10); // a renewed about every 2 s
        await stop.CancelAsync();
        await Task.WhenAll(runA, runB).WaitAsync(_testTimeout.Token);
    }

    [Fact]
    public async Task RunAsync_HolderStopsRenewing_TakesOverAfterLeaseDurationOnOwnClock()
    {
        // A lease held by a crashed replica: its renewTime is in the future by our clock (skew), which must not matter.
        _server.Store.Put("leases", LeaseObject("crashed", renewTime: "2026-03-01T12:10:00.000000Z", transitions: 4));
        using var stop = new CancellationTokenSource();
        var (elector, run, _) = Start("b", stop.Token);
        await FakeKubernetesApiServer.WaitUntilAsync(
            () => _server.Requests.Any(r => r.Method == "GET" && r.Path == LeasePath), "b to read the lease");

        await AdvanceAsync(TimeSpan.FromSeconds(14), () => Assert.False(elector.IsLeader));
        await AdvanceAsync(TimeSpan.FromSeconds(4), () => { });

        await FakeKubernetesApiServer.WaitUntilAsync(() => elector.IsLeader, "b to take over");
        var lease = Lease();
        Assert.Equal("b", lease["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.Equal(5, lease["spec"]!["leaseTransitions"]!.GetValue<int>());
        await stop.CancelAsync();
        await run.WaitAsync(_testTimeout.Token);
    }

    [Fact]
    public async Task RunAsync_LeaderStops_ReleasesSoSuccessorLeadsWithoutWaitingForExpiry()
    {
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var (a, runA, leadsA) = Start("a", stopA.Token);
        await FakeKubernetesApiServer.WaitUntilAsync(() => a.IsLeader, "a to lead");
        var (b, runB, _) = Start("b", stopB.Token);
        await AdvanceAsync(TimeSpan.FromSeconds(4), () => Assert.False(b.IsLeader));

        await stopA.CancelAsync();
        await runA.WaitAsync(_testTimeout.Token);
        Assert.True(leadsA.Single().IsCancellationRequested);
        Assert.Equal("", Lease()["spec"]!["holderIdentity"]?.GetValue<string>() ?? "");

        // One retry period later (2 s, far less than the 15 s lease), b leads.
        await AdvanceAsync(TimeSpan.FromSeconds(2), () => { });
        await FakeKubernetesApiServer.WaitUntilAsync(() => b.IsLeader, "b to lead");
        await stopB.CancelAsync();
        await runB.WaitAsync(_testTimeout.Token);
    }

    [Fact]
    public async Task RunAsync_LeaseTakenByAnother_LeaderStepsDownAndCancelsItsWork()
    {
        using var stop = new CancellationTokenSource();
        var (a, run, leads) = Start("a", stop.Token);
        await FakeKubernetesApiServer.WaitUntilAsync(() => a.IsLeader, "a to lead");

        var stolen = Lease();
        stolen["spec"]!["holderIdentity"] = "intruder";
        stolen["spec"]!["renewTime"] = "2026-03-01T12:00:01.000000Z";
        _server.Store.Put("leases", stolen);
        await AdvanceAsync(TimeSpan.FromSeconds(2), () => { });

        await FakeKubernetesApiServer.WaitUntilAsync(() => !a.IsLeader, "a to step down");
        Assert.True(leads.Single().IsCancellationRequested);
        Assert.Equal("intruder", Lease()["spec"]!["holderIdentity"]!.GetValue<string>());
        await stop.CancelAsync();
        await run.WaitAsync(_testTimeout.Token);
    }

    [Fact]
    public async Task TryAcquireOrRenewAsync_TwoCandidatesRaceForAnExpiredLease_ExactlyOneWins()
    {
        _server.Store.Put("leases", LeaseObject("", renewTime: "2026-03-01T11:00:00.000000Z", transitions: 0));
        var a = Elector("a");
        var b = Elector("b");

        // Both read the same resourceVersion before either writes; the server accepts one PUT and refuses the other.
        int gets = 0;
        var bothRead = new TaskCompletionSource();
        _server.BeforeRequest = r =>
        {
            if (r.Method == "PUT")
            {
                bothRead.Task.Wait(TimeSpan.FromSeconds(5));
            }
            else if (r.Method == "GET" && Interlocked.Increment(ref gets) == 2)
            {
                bothRead.TrySetResult();
            }
        };
        var results = await Task.WhenAll(
            a.TryAcquireOrRenewAsync(_testTimeout.Token),
            b.TryAcquireOrRenewAsync(_testTimeout.Token));

        Assert.Equal(1, results.Count(r => r == LeaseLeaderElector.Attempt.Holding));
        Assert.Equal(1, results.Count(r => r == LeaseLeaderElector.Attempt.HeldByOther));
        string holder = Lease()["spec"]!["holderIdentity"]!.GetValue<string>();
        Assert.Equal(results[0] == LeaseLeaderElector.Attempt.Holding ? "a" : "b", holder);
    }

    private (LeaseLeaderElector Elector, Task Run, List<CancellationToken> Leads) Start(string identity, CancellationToken stop)
    {
        var elector = Elector(identity);
        var leads = new List<CancellationToken>();
        var run = elector.RunAsync(
            async ct =>
            {
                lock (leads)
                {
                    leads.Add(ct);
                }

                await Task.Delay(Timeout.Infinite, ct);
            },
            stop);
        return (elector, run, leads);
    }

    private LeaseLeaderElector Elector(string identity) => new(
        _server.CreateClient(),
        new DeviceHealthKubernetesOptions { Identity = identity },
        _time,
        NullLogger.Instance,
        new KubernetesMetrics());

    /// <summary>Moves model time forward in 500 ms steps, letting the HTTP round trips of each step finish.</summary>
    private async Task AdvanceAsync(TimeSpan total, Action check)
    {
        for (var done = TimeSpan.Zero; done < total; done += TimeSpan.FromMilliseconds(500))
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(25, _testTimeout.Token);
            check();
        }
    }

    private JsonObject Lease() => _server.Store.Get("leases", "kube-system", "devicehealth-controller")!;

    private static JsonObject LeaseObject(string holder, string renewTime, int transitions) => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = "devicehealth-controller", ["namespace"] = "kube-system" },
        ["spec"] = new JsonObject
        {
            ["holderIdentity"] = holder,
            ["leaseDurationSeconds"] = 15,
            ["renewTime"] = renewTime,
            ["leaseTransitions"] = transitions,
        },
    };
}
