using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Election;
using DeviceHealth.Kubernetes.Tests.FakeApi;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Kubernetes.Tests.Election;

/// <summary>
/// Our elector against KubernetesClient's own <see cref="LeaderElector"/> on the same Lease: an independent
/// implementation of the protocol, so these tests check the wire format (MicroTime, empty holder on release) and the
/// fake server's Lease semantics as much as our elector. KubernetesClient's elector runs on the real clock, so model
/// time for ours is advanced in step with real time.
/// </summary>
public sealed class LeaderElectorInteropTests : IAsyncLifetime
{
    private FakeKubernetesApiServer _server = null!;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync() => _server = await FakeKubernetesApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RunAsync_OursLeads_KubernetesClientElectorWaitsThenTakesOverAfterRelease()
    {
        using var stopOurs = new CancellationTokenSource();
        using var stopTheirs = new CancellationTokenSource();
        var ours = Ours("ours");
        var runOurs = ours.RunAsync(ct => Task.Delay(Timeout.Infinite, ct), stopOurs.Token);
        await FakeKubernetesApiServer.WaitUntilAsync(() => ours.IsLeader, "ours to lead");

        int theirsStarted = 0;
        using var theirs = Theirs("theirs");
        theirs.OnStartedLeading += () => Interlocked.Increment(ref theirsStarted);
        var runTheirs = theirs.RunAndTryToHoldLeadershipForeverAsync(stopTheirs.Token);

        // Two seconds of real time, ours renewing every 500 ms of model time kept in step.
        await InStepAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(0, Volatile.Read(ref theirsStarted));
        Assert.True(ours.IsLeader);

        await stopOurs.CancelAsync();
        await runOurs.WaitAsync(TimeSpan.FromSeconds(5));
        await FakeKubernetesApiServer.WaitUntilAsync(() => Volatile.Read(ref theirsStarted) == 1, "theirs to lead", 5000);
        Assert.Equal("theirs", _server.Store.Get("leases", "kube-system", "devicehealth-controller")!["spec"]!["holderIdentity"]!.GetValue<string>());

        await stopTheirs.CancelAsync();
        await Task.WhenAny(runTheirs, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task RunAsync_KubernetesClientElectorLeads_OursWaitsThenTakesOverWhenItStopsRenewing()
    {
        using var stopTheirs = new CancellationTokenSource();
        using var stopOurs = new CancellationTokenSource();
        int theirsStarted = 0;
        using var theirs = Theirs("theirs");
        theirs.OnStartedLeading += () => Interlocked.Increment(ref theirsStarted);
        var runTheirs = theirs.RunAndTryToHoldLeadershipForeverAsync(stopTheirs.Token);
        await FakeKubernetesApiServer.WaitUntilAsync(() => Volatile.Read(ref theirsStarted) == 1, "theirs to lead", 5000);

        var ours = Ours("ours");
        var runOurs = ours.RunAsync(ct => Task.Delay(Timeout.Infinite, ct), stopOurs.Token);
        await InStepAsync(TimeSpan.FromSeconds(2));
        Assert.False(ours.IsLeader);

        await stopTheirs.CancelAsync();
        await Task.WhenAny(runTheirs, Task.Delay(TimeSpan.FromSeconds(5)));

        // Their record says leaseDurationSeconds = 4; with no renewal seen for longer than that, ours takes over.
        for (int i = 0; i < 20 && !ours.IsLeader; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(50);
        }

        await FakeKubernetesApiServer.WaitUntilAsync(() => ours.IsLeader, "ours to take over");
        var spec = _server.Store.Get("leases", "kube-system", "devicehealth-controller")!["spec"]!;
        Assert.Equal("ours", spec["holderIdentity"]!.GetValue<string>());
        Assert.True(spec["leaseTransitions"]!.GetValue<int>() >= 1);
        await stopOurs.CancelAsync();
        await runOurs.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private LeaseLeaderElector Ours(string identity) => new(
        _server.CreateClient(),
        new DeviceHealthKubernetesOptions
        {
            Identity = identity,
            LeaseDuration = TimeSpan.FromSeconds(4),
            RenewDeadline = TimeSpan.FromSeconds(3),
            RetryPeriod = TimeSpan.FromMilliseconds(500),
        },
        _time,
        NullLogger.Instance,
        new KubernetesMetrics());

    private LeaderElector Theirs(string identity) => new(
        new LeaderElectionConfig(new LeaseLock(_server.CreateClient(), "kube-system", "devicehealth-controller", identity))
        {
            LeaseDuration = TimeSpan.FromSeconds(4),
            RenewDeadline = TimeSpan.FromSeconds(3),
            RetryPeriod = TimeSpan.FromMilliseconds(500),
        });

    private async Task InStepAsync(TimeSpan total)
    {
        for (var done = TimeSpan.Zero; done < total; done += TimeSpan.FromMilliseconds(100))
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(100);
        }
    }
}
