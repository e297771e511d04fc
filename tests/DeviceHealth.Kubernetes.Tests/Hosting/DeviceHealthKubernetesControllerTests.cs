using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Devices;
using DeviceHealth.Kubernetes.Applying;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Hosting;
using DeviceHealth.Kubernetes.Tests.FakeApi;
using DeviceHealth.Pods;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Kubernetes.Tests.Hosting;

/// <summary>
/// The whole integration against the loopback API server: watches, the core machines, the applier and the Lease.
/// Model time is frozen (a <see cref="FakeTimeProvider"/> that is never advanced), so grace periods are set to zero
/// and every decision comes from the objects the server serves.
/// </summary>
public sealed class DeviceHealthKubernetesControllerTests : IAsyncLifetime
{
    private const string BadNode = "gpu-node-a17";
    private const string CrashPod = "inference-7d9c6b5f4-x2k8p";
    private FakeKubernetesApiServer _server = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _server = await FakeKubernetesApiServer.StartAsync();

        // The shared GPU node (capacity 8, allocatable 7) among four healthy ones; the shared crash-looping ReplicaSet
        // pod on it; the shared bare DRA pod with an unhealthy device on another node.
        _server.Store.Put("nodes", TestObjects.GpuNode());
        for (int i = 1; i <= 4; i++)
        {
            _server.Store.Put("nodes", TestObjects.Node($"gpu-ok-{i}", 8, 8));
        }

        _server.Store.Put("pods", TestObjects.CrashLoopPod());
        _server.Store.Put("pods", TestObjects.Load("pod-dra-claim-health-unknown.json"));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RunAsync_GapAndCrashLoopingPod_CordonsTaintsFlagsAndDeletesEachOnce()
    {
        var results = new ConcurrentQueue<ActionCompletedEventArgs>();
        await using (var a = Run("a", results))
        {
            await WaitForFullRemediationAsync();
        }

        var node = _server.Store.Get("nodes", "", BadNode)!;
        Assert.True(node["spec"]!["unschedulable"]!.GetValue<bool>());
        Assert.Contains(
            node["spec"]!["taints"]!.AsArray(),
            t => t!["key"]!.GetValue<string>() == "devicehealth.kubekit.dev/unhealthy-devices");
        Assert.Contains(
            node["status"]!["conditions"]!.AsArray(),
            c => c!["type"]!.GetValue<string>() == "AcceleratorsDegraded" && c["status"]!.GetValue<string>() == "True");
        AssertEachWriteOnce();

        // Healthy nodes are untouched; the bare pod is held, never deleted.
        Assert.DoesNotContain(_server.Writes(), w => w.Path.Contains("gpu-ok-", StringComparison.Ordinal));
        Assert.NotNull(_server.Store.Get("pods", "research", "trainer-0"));
        Assert.Contains(results, r => r.Intent is Hold { Reason: HoldReason.NoController }
            && r.Result.Outcome == ActionOutcome.Skipped);
        Assert.Contains(results, r => r.Intent is DeletePod && r.Result.Outcome == ActionOutcome.Applied);
    }

    [Fact]
    public async Task RunAsync_StoppedMidwayThenRestarted_AppliesEveryActionExactlyOnce()
    {
        // Instance a stops right after it cordons the node (its first node write; a pod deletion may or may not come
        // before it, depending on which watch delivers first); b continues from the cluster's state; c is a further
        // restart that must find nothing left to do.
        var resultsA = new ConcurrentQueue<ActionCompletedEventArgs>();
        using (var stopA = new CancellationTokenSource())
        {
            var a = NewController("a");
            a.ActionCompleted += (_, e) =>
            {
                resultsA.Enqueue(e);
                if (e.Result.Outcome == ActionOutcome.Applied && e.Intent is CordonNode)
                {
                    stopA.Cancel();
                }
            };
            await a.RunAsync(stopA.Token).WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(1, resultsA.Count(r => r.Result.Outcome == ActionOutcome.Applied && r.Intent is CordonNode));
        Assert.DoesNotContain(resultsA, r => r.Result.Outcome == ActionOutcome.Applied
            && r.Intent is TaintNode or SetNodeCondition);
        int writesByA = ActionWrites().Count();
        Assert.Equal(resultsA.Count(r => r.Result.Outcome == ActionOutcome.Applied), writesByA);

        // Each restart happens an hour later, so keys built from the restart time would differ from a's.
        _time.Advance(TimeSpan.FromHours(1));
        var resultsB = new ConcurrentQueue<ActionCompletedEventArgs>();
        await using (var b = Run("b", resultsB))
        {
            await WaitForFullRemediationAsync();
        }

        AssertEachWriteOnce();
        int writesAfterB = ActionWrites().Count();

        // The episode began when a first saw the gap (model time 2026-03-01T12:00Z, grace 0); b continued it.
        var episode = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).UtcTicks;
        string[] expectedKeys =
        [
            $"node/{BadNode}/{episode}/cordon/0",
            $"node/{BadNode}/{episode}/taint/0",
            $"node/{BadNode}/{episode}/condition-true/0",
        ];
        Assert.Equal(expectedKeys, NodeKeys(resultsA.Concat(resultsB)).Distinct());

        // b re-emitted a's cordon under a's key, so the ledger (not the node's state) recognised it.
        Assert.Contains(resultsB, r => r.Intent is CordonNode && r.Intent.IdempotencyKey == expectedKeys[0]
            && r.Result.Outcome == ActionOutcome.AlreadyApplied
            && r.Result.Detail.Contains("ledger", StringComparison.Ordinal));

        _time.Advance(TimeSpan.FromHours(1));
        var resultsC = new ConcurrentQueue<ActionCompletedEventArgs>();
        await using (var c = Run("c", resultsC))
        {
            // c re-derives the node's episode from the cluster and re-emits the node intents: all already applied.
            await FakeKubernetesApiServer.WaitUntilAsync(
                () => resultsC.Count(r => r.Intent is CordonNode or TaintNode or SetNodeCondition
                    && r.Result.Outcome == ActionOutcome.AlreadyApplied) == 3,
                "c to find the cordon, taint and condition in place",
                timeoutMs: 8000);
        }

        Assert.Equal(writesAfterB, ActionWrites().Count());
        Assert.DoesNotContain(resultsC, r => r.Result.Outcome == ActionOutcome.Applied);

        // c re-emitted the node intents under the keys a and b used.
        Assert.Equal(expectedKeys, NodeKeys(resultsC));
    }

    [Fact]
    public async Task RunAsync_NodeInActionDeleted_FreesItsSlotForTheNextNode()
    {
        // Six nodes: the shared bad node, four healthy ones and a second bad node (capacity 8, allocatable 6).
        // Budget: 6 nodes * MaxUnhealthyPercent 10 % = 0.6, rounded down to 0, raised to the minimum of 1 slot.
        // Storm breaker: max(1, 6 * 50 % = 3) cordons per window, so it stays closed for two.
        const string SecondBad = "gpu-node-b2";
        _server.Store.Put("nodes", TestObjects.Node(SecondBad, 8, 6));
        var results = new ConcurrentQueue<ActionCompletedEventArgs>();
        string first;
        string second;
        await using (var a = Run("a", results))
        {
            string[] bad = [BadNode, SecondBad];
            await FakeKubernetesApiServer.WaitUntilAsync(
                () => results.Any(r => r.Intent is CordonNode && r.Result.Outcome == ActionOutcome.Applied)
                    && results.Any(r => r.Intent is Hold { Reason: HoldReason.BudgetExhausted }),
                "one bad node cordoned and the other held by the budget");
            first = ((CordonNode)results.Single(r => r.Intent is CordonNode).Intent).NodeName;
            second = bad.Single(n => n != first);
            Assert.Contains(
                results,
                r => r.Intent is Hold { Reason: HoldReason.BudgetExhausted } h && h.Subject == second);

            // The cordoned node leaves the cluster (5 nodes: still 1 slot, now free); the held node is next seen.
            var gone = _server.Store.Get("nodes", "", first)!;
            _server.Store.Delete("nodes", "", first, null);
            var held = _server.Store.Get("nodes", "", second)!;
            held["metadata"]!["labels"] = new JsonObject { ["touched"] = "1" };
            _server.Store.Put("nodes", held);

            await FakeKubernetesApiServer.WaitUntilAsync(
                () => results.Any(r => r.Intent is CordonNode c && c.NodeName == second
                    && r.Result.Outcome == ActionOutcome.Applied),
                "the held node to get the freed slot");
            Assert.NotNull(gone);
        }

        Assert.True(_server.Store.Get("nodes", "", second)!["spec"]!["unschedulable"]!.GetValue<bool>());
        Assert.Equal(1, results.Count(r => r.Intent is CordonNode c && c.NodeName == first));
    }

    [Fact]
    public async Task RunAsync_TwoReplicas_OnlyTheLeaderWatchesAndActs()
    {
        var resultsA = new ConcurrentQueue<ActionCompletedEventArgs>();
        var resultsB = new ConcurrentQueue<ActionCompletedEventArgs>();
        await using var a = Run("a", resultsA);
        await FakeKubernetesApiServer.WaitUntilAsync(() => a.Controller.IsLeader, "a to lead");
        await using var b = Run("b", resultsB);

        await WaitForFullRemediationAsync();

        Assert.True(a.Controller.IsLeader);
        Assert.False(b.Controller.IsLeader);
        Assert.Empty(resultsB);
        Assert.NotEmpty(resultsA);
        AssertEachWriteOnce();

        // Only one replica listed the resources.
        Assert.Equal(1, _server.Requests.Count(r => r.Path == "/api/v1/nodes" && !r.Query.Contains("watch=true")));
    }

    [Fact]
    public async Task RunAsync_UseEvictionWithDisruptionBudget_DefersThenEvictsWhenAllowed()
    {
        _server.Store.BlockEviction("serving", CrashPod);
        var results = new ConcurrentQueue<ActionCompletedEventArgs>();
        await using (var a = Run("a", results, useEviction: true))
        {
            await FakeKubernetesApiServer.WaitUntilAsync(
                () => results.Any(r => r.Intent is EvictPod && r.Result.Outcome == ActionOutcome.Deferred),
                "the eviction to be refused by the budget");
        }

        Assert.NotNull(_server.Store.Get("pods", "serving", CrashPod));
        Assert.DoesNotContain(_server.Requests, r => r.Method == "DELETE");

        // The next replica (the budget now allows it) evicts through policy/v1 with the pod's UID.
        _server.Store.UnblockEviction("serving", CrashPod);
        await using (var b = Run("b", results, useEviction: true))
        {
            await FakeKubernetesApiServer.WaitUntilAsync(
                () => _server.Store.Get("pods", "serving", CrashPod) is null,
                "the eviction to go through");
        }

        Assert.Contains(results, r => r.Intent is EvictPod && r.Result.Outcome == ActionOutcome.Applied);
        Assert.Equal(2, _server.Requests.Count(r => r.Path.EndsWith("/" + CrashPod + "/eviction", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_DeviceVerdictFromNodeAgents_DeletesPodWhoseStatusShowsNothing()
    {
        // A ReplicaSet pod without KEP-4680 status: only the embedding controller's device machines know its GPU
        // failed (here: a device-reset class fault for the pod "quiet-0").
        var quiet = TestObjects.CrashLoopPod("quiet-0", "gpu-ok-1");
        quiet["status"]!["containerStatuses"]![0]!.AsObject().Remove("allocatedResourcesStatus");
        _server.Store.Put("pods", quiet);
        var results = new ConcurrentQueue<ActionCompletedEventArgs>();
        var controller = NewController("a");
        controller.ActionCompleted += (_, e) => results.Enqueue(e);
        controller.DeviceVerdicts = pod => pod.Name == "quiet-0"
            ? new DeviceVerdict(true, false, FaultClass.DeviceReset, _time.GetUtcNow())
            : DeviceVerdict.Healthy;

        await using (var a = new RunningController(controller))
        {
            await FakeKubernetesApiServer.WaitUntilAsync(
                () => _server.Store.Get("pods", "serving", "quiet-0") is null,
                "the pod on the failed device to be deleted");
        }

        Assert.Contains(results, r => r.Intent is DeletePod { Name: "quiet-0" } && r.Result.Outcome == ActionOutcome.Applied);
    }

    [Fact]
    public async Task RunAsync_AdminCordonedNode_IsNeverUncordonedOrTakenOver()
    {
        var node = _server.Store.Get("nodes", "", BadNode)!;
        node["spec"]!["unschedulable"] = true;
        _server.Store.Put("nodes", node);
        var results = new ConcurrentQueue<ActionCompletedEventArgs>();

        await using (var a = Run("a", results))
        {
            await FakeKubernetesApiServer.WaitUntilAsync(
                () => results.Any(r => r.Intent is DeletePod) && results.Any(r => r.Intent is Hold or TaintNode),
                "the controller to decide about the node and the pod");
        }

        var after = _server.Store.Get("nodes", "", BadNode)!;
        Assert.True(after["spec"]!["unschedulable"]!.GetValue<bool>());
        Assert.Null(after["metadata"]!["annotations"]?[ActionIntent.OwnerAnnotation]);
        Assert.DoesNotContain(results, r => r.Intent is CordonNode or UncordonNode
            && r.Result.Outcome == ActionOutcome.Applied);
    }

    private async Task WaitForFullRemediationAsync()
    {
        await FakeKubernetesApiServer.WaitUntilAsync(
            () =>
            {
                var node = _server.Store.Get("nodes", "", BadNode)!;
                bool cordoned = node["spec"]!["unschedulable"]?.GetValue<bool>() == true;
                bool tainted = node["spec"]!["taints"]!.AsArray().Count == 2;
                bool flagged = node["status"]!["conditions"]!.AsArray().Count == 3;
                bool deleted = _server.Store.Get("pods", "serving", CrashPod) is null;
                return cordoned && tainted && flagged && deleted;
            },
            "cordon, taint, condition and pod deletion",
            timeoutMs: 8000);
    }

    private void AssertEachWriteOnce()
    {
        var writes = ActionWrites().ToList();
        Assert.Equal(1, writes.Count(w => w.Method == "PATCH" && w.Body.Contains("\"unschedulable\":true", StringComparison.Ordinal)));
        Assert.Equal(1, writes.Count(w => w.Method == "PATCH" && w.Body.Contains("\"taints\"", StringComparison.Ordinal)));
        Assert.Equal(1, writes.Count(w => w.Method == "PATCH" && w.Path.EndsWith("/status", StringComparison.Ordinal)));
        Assert.Equal(1, writes.Count(w => w.Method == "DELETE" && w.Path.EndsWith("/" + CrashPod, StringComparison.Ordinal)));
        Assert.Equal(4, writes.Count);
    }

    /// <summary>The keys of the node intents (cordon, taint, condition), in the order they were completed.</summary>
    private static string[] NodeKeys(IEnumerable<ActionCompletedEventArgs> results) =>
        [.. results
            .Where(r => r.Intent is CordonNode or TaintNode or SetNodeCondition)
            .Select(r => r.Intent.IdempotencyKey)];

    /// <summary>Writes other than the Lease's.</summary>
    private IEnumerable<RecordedRequest> ActionWrites() =>
        _server.Writes().Where(w => !w.Path.Contains("/leases", StringComparison.Ordinal));

    private DeviceHealthKubernetesController NewController(string identity, bool useEviction = false)
    {
        var options = new DeviceHealthKubernetesOptions
        {
            Identity = identity,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(10),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(100),
        };
        var core = new DeviceHealthOptions();
        core.Node.GracePeriod = TimeSpan.Zero;
        core.Pod.MinUnhealthy = TimeSpan.Zero;
        core.Pod.UseEviction = useEviction;
        return new DeviceHealthKubernetesController(
            _server.CreateClient(),
            options,
            core,
            _time,
            NullLoggerFactory.Instance,
            new KubernetesMetrics());
    }

    private RunningController Run(
        string identity,
        ConcurrentQueue<ActionCompletedEventArgs> results,
        bool useEviction = false)
    {
        var controller = NewController(identity, useEviction);
        controller.ActionCompleted += (_, e) => results.Enqueue(e);
        return new RunningController(controller);
    }

    /// <summary>A controller running until disposed; disposal stops it (releasing the Lease) within a bound.</summary>
    private sealed class RunningController : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public RunningController(DeviceHealthKubernetesController controller)
        {
            Controller = controller;
            _run = controller.RunAsync(_stop.Token);
        }

        public DeviceHealthKubernetesController Controller { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
            _stop.Dispose();
        }
    }
}
