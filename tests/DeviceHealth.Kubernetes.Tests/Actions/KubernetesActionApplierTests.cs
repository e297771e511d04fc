using System.Text.Json.Nodes;
using DeviceHealth.Actions;
using DeviceHealth.Kubernetes.Applying;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Tests.FakeApi;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Kubernetes.Tests.Actions;

public sealed class KubernetesActionApplierTests : IAsyncLifetime
{
    private const string Node = "gpu-node-a17";
    private FakeKubernetesApiServer _server = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly DeviceHealthKubernetesOptions _options = new();

    public async Task InitializeAsync()
    {
        _server = await FakeKubernetesApiServer.StartAsync();
        _server.Store.Put("nodes", TestObjects.GpuNode());
        _server.Store.Put("pods", TestObjects.CrashLoopPod());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_Cordon_SetsUnschedulableOwnerAndLedgerInOnePatch()
    {
        var result = await Applier().ApplyAsync(new CordonNode(Node, "gpu gap", "cordon/a17/1"));

        Assert.Equal(ActionOutcome.Applied, result.Outcome);
        var node = NodeJson();
        Assert.True(node["spec"]!["unschedulable"]!.GetValue<bool>());
        Assert.Equal("devicehealth", Annotation(node, ActionIntent.OwnerAnnotation));
        Assert.Equal("[\"cordon/a17/1\"]", Annotation(node, NodeLedger.AppliedAnnotation));
        var patch = Assert.Single(_server.Writes());
        Assert.Equal("application/merge-patch+json; charset=utf-8", patch.ContentType);
        Assert.Contains("\"resourceVersion\":\"1001\"", patch.Body, StringComparison.Ordinal);

        // The existing device-plugin taint is untouched.
        Assert.Equal("nvidia.com/gpu", node["spec"]!["taints"]![0]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyAsync_SameKeyTwice_SecondWritesNothing()
    {
        var applier = Applier();
        await applier.ApplyAsync(new CordonNode(Node, "gpu gap", "k1"));
        var again = await applier.ApplyAsync(new CordonNode(Node, "gpu gap", "k1"));

        Assert.Equal(ActionOutcome.AlreadyApplied, again.Outcome);
        Assert.Single(_server.Writes());
    }

    [Fact]
    public async Task ApplyAsync_LedgerKeyAfterAdminUncordoned_DoesNotCordonAgain()
    {
        var applier = Applier();
        await applier.ApplyAsync(new CordonNode(Node, "gpu gap", "k1"));
        MutateNode(n => n["spec"]!["unschedulable"] = false);

        var replay = await applier.ApplyAsync(new CordonNode(Node, "gpu gap", "k1"));

        Assert.Equal(ActionOutcome.AlreadyApplied, replay.Outcome);
        Assert.False(NodeJson()["spec"]!["unschedulable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ApplyAsync_CordonOrUncordonOfAdminCordon_IsSkippedWithoutWriting()
    {
        MutateNode(n => n["spec"]!["unschedulable"] = true);
        var applier = Applier();

        var cordon = await applier.ApplyAsync(new CordonNode(Node, "gpu gap", "k1"));
        var uncordon = await applier.ApplyAsync(new UncordonNode(Node, "k2"));

        Assert.Equal(ActionOutcome.Skipped, cordon.Outcome);
        Assert.Equal(ActionOutcome.Skipped, uncordon.Outcome);
        Assert.DoesNotContain(_server.Writes(), w => w.Method == "PATCH");
        Assert.True(NodeJson()["spec"]!["unschedulable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ApplyAsync_UncordonOfOwnCordon_ClearsUnschedulableAndOwner()
    {
        var applier = Applier();
        await applier.ApplyAsync(new CordonNode(Node, "gpu gap", "k1"));
        var result = await applier.ApplyAsync(new UncordonNode(Node, "k2"));

        Assert.Equal(ActionOutcome.Applied, result.Outcome);
        var node = NodeJson();
        Assert.Null(node["spec"]!["unschedulable"]);
        Assert.Null(Annotation(node, ActionIntent.OwnerAnnotation));
        Assert.Equal("[\"k1\",\"k2\"]", Annotation(node, NodeLedger.AppliedAnnotation));
    }

    [Fact]
    public async Task ApplyAsync_TaintWithNewKeysRepeatedly_NeverDuplicatesTheTaint()
    {
        var applier = Applier();
        var first = await applier.ApplyAsync(new TaintNode(Node, "devicehealth/gpu", "xid79", TaintEffect.NoSchedule, "t1"));
        var second = await applier.ApplyAsync(new TaintNode(Node, "devicehealth/gpu", "xid79", TaintEffect.NoSchedule, "t2"));

        Assert.Equal(ActionOutcome.Applied, first.Outcome);
        Assert.Equal(ActionOutcome.AlreadyApplied, second.Outcome);
        var taints = NodeJson()["spec"]!["taints"]!.AsArray();
        Assert.Equal(2, taints.Count); // the device plugin's taint and ours, once
        Assert.Equal(1, taints.Count(t => t!["key"]!.GetValue<string>() == "devicehealth/gpu"));
        Assert.Equal("[\"devicehealth/gpu:NoSchedule\"]", Annotation(NodeJson(), NodeLedger.OwnedTaintsAnnotation));
    }

    [Fact]
    public async Task ApplyAsync_NoExecuteTaint_CarriesTimeAddedFromTheClock()
    {
        await Applier().ApplyAsync(new TaintNode(Node, "devicehealth/gpu", "", TaintEffect.NoExecute, "t1"));

        var taint = NodeJson()["spec"]!["taints"]!.AsArray().Single(t => t!["key"]!.GetValue<string>() == "devicehealth/gpu");
        Assert.Equal("2026-03-01T12:00:00Z", taint!["timeAdded"]!.GetValue<string>());
        Assert.Null(taint["value"]);
    }

    [Fact]
    public async Task ApplyAsync_TaintEffectNone_FailsWithoutWriting()
    {
        var result = await Applier().ApplyAsync(new TaintNode(Node, "k", "v", TaintEffect.None, "t1"));

        Assert.Equal(ActionOutcome.Failed, result.Outcome);
        Assert.Empty(_server.Writes());
    }

    [Fact]
    public async Task ApplyAsync_RemoveTaint_OnlyRemovesTaintsDeviceHealthOwns()
    {
        var applier = Applier();
        var foreign = await applier.ApplyAsync(new RemoveNodeTaint(Node, "nvidia.com/gpu", TaintEffect.NoSchedule, "r1"));
        await applier.ApplyAsync(new TaintNode(Node, "devicehealth/gpu", "x", TaintEffect.NoSchedule, "t1"));
        var own = await applier.ApplyAsync(new RemoveNodeTaint(Node, "devicehealth/gpu", TaintEffect.NoSchedule, "r2"));

        Assert.Equal(ActionOutcome.Skipped, foreign.Outcome);
        Assert.Equal(ActionOutcome.Applied, own.Outcome);
        var taints = NodeJson()["spec"]!["taints"]!.AsArray();
        Assert.Equal("nvidia.com/gpu", Assert.Single(taints)!["key"]!.GetValue<string>());
        Assert.Equal("[]", Annotation(NodeJson(), NodeLedger.OwnedTaintsAnnotation));
    }

    [Fact]
    public async Task ApplyAsync_PatchLosesResourceVersionRace_RereadsAndRetries()
    {
        _server.InjectFault("PATCH", "/api/v1/nodes/", 409);

        var result = await Applier().ApplyAsync(new CordonNode(Node, "gpu gap", "k1"));

        Assert.Equal(ActionOutcome.Applied, result.Outcome);
        Assert.Equal(2, _server.Requests.Count(r => r.Method == "PATCH"));
        Assert.Equal(2, _server.Requests.Count(r => r.Method == "GET" && r.Path == "/api/v1/nodes/" + Node));
    }

    [Fact]
    public async Task ApplyAsync_ConcurrentWriterBetweenReadAndPatch_GetsConflictFromServerAndRetries()
    {
        // Another writer (here: a label change) lands between our read and our patch, so the server itself refuses
        // the patch's stale resourceVersion with 409; the retry must keep the other writer's change.
        int patches = 0;
        _server.BeforeRequest = request =>
        {
            if (request.Method == "PATCH" && Interlocked.Increment(ref patches) == 1)
            {
                var node = NodeJson();
                node["metadata"]!["labels"]!["racer"] = "was-here";
                _server.Store.Put("nodes", node);
            }
        };

        var result = await Applier().ApplyAsync(new TaintNode(Node, "devicehealth/gpu", "x", TaintEffect.NoSchedule, "t1"));

        Assert.Equal(ActionOutcome.Applied, result.Outcome);
        Assert.Equal(2, patches);
        var node = NodeJson();
        Assert.Equal("was-here", node["metadata"]!["labels"]!["racer"]!.GetValue<string>());
        var taints = node["spec"]!["taints"]!.AsArray();
        Assert.Equal(1, taints.Count(t => t!["key"]!.GetValue<string>() == "devicehealth/gpu"));
    }

    [Fact]
    public async Task ApplyAsync_EveryPatchLosesTheRace_FailsAfterConfiguredRetries()
    {
        _options.ConflictRetries = 2;
        _server.BeforeRequest = request =>
        {
            if (request.Method == "PATCH")
            {
                _server.Store.Put("nodes", NodeJson());
            }
        };

        var result = await Applier().ApplyAsync(new CordonNode(Node, "gap", "k1"));

        Assert.Equal(ActionOutcome.Failed, result.Outcome);
        Assert.Equal(3, _server.Requests.Count(r => r.Method == "PATCH")); // the first try and two retries
    }

    [Fact]
    public async Task ApplyAsync_SetCondition_PatchesStatusSubresourceAndKeepsOtherConditions()
    {
        var applier = Applier();
        var intent = new SetNodeCondition(Node, "DeviceHealthDegraded", ConditionStatus.True, "GpuGap", "1 of 8 missing", "c1");

        var first = await applier.ApplyAsync(intent);
        var second = await applier.ApplyAsync(intent with { IdempotencyKey = "c2" });

        Assert.Equal(ActionOutcome.Applied, first.Outcome);
        Assert.Equal(ActionOutcome.AlreadyApplied, second.Outcome);
        var patch = Assert.Single(_server.Writes());
        Assert.Equal("/api/v1/nodes/" + Node + "/status", patch.Path);
        var conditions = NodeJson()["status"]!["conditions"]!.AsArray();
        Assert.Equal(
            ["Ready", "GpuXidFatal", "DeviceHealthDegraded"],
            conditions.Select(c => c!["type"]!.GetValue<string>()));
        var ours = conditions[2]!;
        Assert.Equal("True", ours["status"]!.GetValue<string>());
        Assert.Equal("2026-03-01T12:00:00Z", ours["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal("2025-07-14T08:12:38Z", conditions[1]!["lastTransitionTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyAsync_ConditionMessageChangesWithoutStatusChange_KeepsLastTransitionTime()
    {
        var applier = Applier();
        await applier.ApplyAsync(new SetNodeCondition(Node, "D", ConditionStatus.True, "R", "m1", "c1"));
        _time.Advance(TimeSpan.FromMinutes(5));
        await applier.ApplyAsync(new SetNodeCondition(Node, "D", ConditionStatus.True, "R", "m2", "c2"));
        _time.Advance(TimeSpan.FromMinutes(5));
        await applier.ApplyAsync(new SetNodeCondition(Node, "D", ConditionStatus.False, "R", "m3", "c3"));

        var ours = NodeJson()["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "D")!;
        Assert.Equal("False", ours["status"]!.GetValue<string>());
        Assert.Equal("2026-03-01T12:10:00Z", ours["lastTransitionTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyAsync_DeletePodWithCurrentUid_DeletesIt()
    {
        string uid = PodUid();

        var result = await Applier().ApplyAsync(new DeletePod("serving", "inference-7d9c6b5f4-x2k8p", uid, "bad gpu", "d1"));

        Assert.Equal(ActionOutcome.Applied, result.Outcome);
        Assert.Null(_server.Store.Get("pods", "serving", "inference-7d9c6b5f4-x2k8p"));
        var delete = Assert.Single(_server.Writes());
        Assert.Contains(uid, delete.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_DeletePodRecreatedUnderSameName_NeverDeletesTheReplacement()
    {
        string oldUid = PodUid();
        _server.Store.Delete("pods", "serving", "inference-7d9c6b5f4-x2k8p", null);
        _server.Store.Put("pods", TestObjects.CrashLoopPod()); // same name, new UID
        string newUid = PodUid();

        var result = await Applier().ApplyAsync(new DeletePod("serving", "inference-7d9c6b5f4-x2k8p", oldUid, "bad gpu", "d1"));

        Assert.NotEqual(oldUid, newUid);
        Assert.Equal(ActionOutcome.Skipped, result.Outcome);
        Assert.Contains("replaced", result.Detail, StringComparison.Ordinal);
        Assert.Equal(newUid, PodUid());
    }

    [Fact]
    public async Task ApplyAsync_DeletePodAlreadyGone_IsSkipped()
    {
        var result = await Applier().ApplyAsync(new DeletePod("serving", "nope", "u", "bad gpu", "d1"));

        Assert.Equal(ActionOutcome.Skipped, result.Outcome);
    }

    [Fact]
    public async Task ApplyAsync_Evict_PostsPolicyV1EvictionWithUidPrecondition()
    {
        string uid = PodUid();

        var result = await Applier().ApplyAsync(new EvictPod("serving", "inference-7d9c6b5f4-x2k8p", uid, "bad gpu", "e1"));

        Assert.Equal(ActionOutcome.Applied, result.Outcome);
        var post = Assert.Single(_server.Writes());
        Assert.Equal("/api/v1/namespaces/serving/pods/inference-7d9c6b5f4-x2k8p/eviction", post.Path);
        var body = JsonNode.Parse(post.Body)!;
        Assert.Equal("policy/v1", body["apiVersion"]!.GetValue<string>());
        Assert.Equal(uid, body["deleteOptions"]!["preconditions"]!["uid"]!.GetValue<string>());
        Assert.Null(_server.Store.Get("pods", "serving", "inference-7d9c6b5f4-x2k8p"));
    }

    [Fact]
    public async Task ApplyAsync_EvictionRefusedByDisruptionBudget_IsDeferred()
    {
        _server.Store.BlockEviction("serving", "inference-7d9c6b5f4-x2k8p");

        var result = await Applier().ApplyAsync(new EvictPod("serving", "inference-7d9c6b5f4-x2k8p", PodUid(), "x", "e1"));

        Assert.Equal(ActionOutcome.Deferred, result.Outcome);
        Assert.NotNull(_server.Store.Get("pods", "serving", "inference-7d9c6b5f4-x2k8p"));
    }

    [Fact]
    public async Task ApplyAsync_HoldDryRunAndDeviceTaint_AreSkippedWithoutAnyRequest()
    {
        var hold = await Applier().ApplyAsync(new Hold("serving/p", HoldReason.NoController, "bare pod", "h1"));
        var device = await Applier().ApplyAsync(new TaintDevice("gpu-0", "gpu.nvidia.com/xid", "79", TaintEffect.NoSchedule, "x1"));
        _options.DryRun = true;
        var dry = await Applier().ApplyAsync(new CordonNode(Node, "gap", "k1"));

        Assert.Equal(ActionOutcome.Skipped, hold.Outcome);
        Assert.Equal(ActionOutcome.Skipped, device.Outcome);
        Assert.Equal(ActionOutcome.Skipped, dry.Outcome);
        Assert.Equal("dry run", dry.Detail);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ApplyAsync_ServerError_IsFailedAndCounted()
    {
        using var metrics = new KubernetesMetrics();
        using var failed = new MetricCollector<long>(metrics.Meter, "devicehealth.k8s.actions.failed");
        using var applied = new MetricCollector<long>(metrics.Meter, "devicehealth.k8s.actions.applied");
        var applier = new KubernetesActionApplier(_server.CreateClient(), _options, _time, NullLogger.Instance, metrics);
        _server.InjectFault("DELETE", "/api/v1/namespaces/serving/pods/", 500);

        var result = await applier.ApplyAsync(new DeletePod("serving", "inference-7d9c6b5f4-x2k8p", PodUid(), "x", "d1"));
        await applier.ApplyAsync(new DeletePod("serving", "inference-7d9c6b5f4-x2k8p", PodUid(), "x", "d1"));

        Assert.Equal(ActionOutcome.Failed, result.Outcome);
        Assert.Contains("500", result.Detail, StringComparison.Ordinal);
        Assert.Equal(1, failed.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, applied.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal("DeletePod", failed.LastMeasurement!.Tags["action"]);
    }

    [Fact]
    public async Task ApplyAsync_ServerDoesNotAnswerWithinRequestTimeout_FailsAsTimedOut()
    {
        var gate = new TaskCompletionSource();
        _server.BeforeRequest = r =>
        {
            if (r.Method == "GET")
            {
                gate.Task.Wait(TimeSpan.FromSeconds(5));
            }
        };

        var pending = Applier().ApplyAsync(new CordonNode(Node, "gap", "k1"));
        await FakeKubernetesApiServer.WaitUntilAsync(() => _server.Requests.Any(r => r.Method == "GET"), "the read");
        _time.Advance(TimeSpan.FromSeconds(31)); // past the 30 s default on the applier's clock
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        gate.SetResult();

        Assert.Equal(ActionOutcome.Failed, result.Outcome);
        Assert.Equal("timed out after 00:00:30", result.Detail);
        Assert.Empty(_server.Writes());
    }

    private KubernetesActionApplier Applier() =>
        new(_server.CreateClient(), _options, _time, NullLogger.Instance, new KubernetesMetrics());

    private JsonObject NodeJson() => _server.Store.Get("nodes", "", Node)!;

    private string PodUid() =>
        _server.Store.Get("pods", "serving", "inference-7d9c6b5f4-x2k8p")!["metadata"]!["uid"]!.GetValue<string>();

    private void MutateNode(Action<JsonObject> change)
    {
        var node = NodeJson();
        change(node);
        _server.Store.Put("nodes", node);
        _server.Requests.Clear();
    }

    private static string? Annotation(JsonObject node, string name) =>
        node["metadata"]!["annotations"]?[name]?.GetValue<string>();
}
