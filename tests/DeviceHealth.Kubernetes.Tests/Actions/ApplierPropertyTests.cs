using System.Text.Json.Nodes;
using DeviceHealth.Actions;
using DeviceHealth.Kubernetes.Applying;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Tests.FakeApi;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeviceHealth.Kubernetes.Tests.Actions;

/// <summary>Properties of the applier over random sequences of node intents, against the loopback API server.</summary>
public sealed class ApplierPropertyTests : IClassFixture<ApplierPropertyTests.ServerFixture>
{
    private static readonly string[] s_keys = ["devicehealth/gpu", "devicehealth/nvlink"];
    private static readonly TaintEffect[] s_effects = [TaintEffect.NoSchedule, TaintEffect.NoExecute];
    private readonly ServerFixture _fixture;

    public ApplierPropertyTests(ServerFixture fixture) => _fixture = fixture;

    [Property(MaxTest = 25)]
    public Property ApplyAsync_AnySequenceOfNodeIntents_KeepsInvariantsAndEachRepeatWritesNothing(bool adminCordon, byte[] script)
    {
        var server = _fixture.Server;
        string node = "prop-" + Guid.NewGuid().ToString("N")[..12];
        var obj = TestObjects.GpuNode(node);
        obj["spec"]!["unschedulable"] = adminCordon;
        server.Store.Put("nodes", obj);
        var applier = new KubernetesActionApplier(
            server.CreateClient(),
            new DeviceHealthKubernetesOptions(),
            TimeProvider.System,
            NullLogger.Instance,
            new KubernetesMetrics());

        var failures = new List<string>();
        var appliedKeys = new List<string>();
        foreach (byte b in script.Take(10))
        {
            var intent = Decode(node, b);
            var first = applier.ApplyAsync(intent).GetAwaiter().GetResult();
            int writesBefore = Writes(server, node);
            var again = applier.ApplyAsync(intent).GetAwaiter().GetResult();
            if (Writes(server, node) != writesBefore)
            {
                failures.Add($"repeating {intent} wrote again ({first.Outcome} then {again.Outcome})");
            }

            if (first.Outcome == ActionOutcome.Applied)
            {
                appliedKeys.Add(intent.IdempotencyKey);
            }
        }

        var final = server.Store.Get("nodes", "", node)!;
        var taints = final["spec"]!["taints"]!.AsArray()
            .Select(t => (t!["key"]!.GetValue<string>(), t["effect"]!.GetValue<string>()))
            .ToList();
        if (taints.Distinct().Count() != taints.Count)
        {
            failures.Add("duplicate taint: " + string.Join(",", taints));
        }

        if (!taints.Contains(("nvidia.com/gpu", "NoSchedule")))
        {
            failures.Add("the device plugin's taint was removed");
        }

        bool unschedulable = final["spec"]!["unschedulable"]?.GetValue<bool>() == true;
        string? owner = final["metadata"]!["annotations"]?[ActionIntent.OwnerAnnotation]?.GetValue<string>();
        if (adminCordon && (!unschedulable || owner is not null))
        {
            failures.Add("the administrator's cordon was lifted or taken over");
        }

        var ledger = NodeLedger.Read(
            final["metadata"]!["annotations"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
            NodeLedger.AppliedAnnotation);
        if (!ledger.SequenceEqual(appliedKeys))
        {
            failures.Add($"ledger [{string.Join(",", ledger)}] is not the applied keys [{string.Join(",", appliedKeys)}]");
        }

        return (failures.Count == 0).Label(string.Join("; ", failures));
    }

    /// <summary>One byte is one intent: bits 0–1 the kind, bit 2 the taint key, bit 3 the effect, bits 4–5 the
    /// decision number (the same decision always has the same idempotency key).</summary>
    private static ActionIntent Decode(string node, byte b)
    {
        string key = s_keys[(b >> 2) & 1];
        var effect = s_effects[(b >> 3) & 1];
        int n = (b >> 4) & 3;
        return (b & 3) switch
        {
            0 => new CordonNode(node, "gap", $"cordon-{n}"),
            1 => new UncordonNode(node, $"uncordon-{n}"),
            2 => new TaintNode(node, key, "v", effect, $"taint-{key}-{effect}-{n}"),
            _ => new RemoveNodeTaint(node, key, effect, $"untaint-{key}-{effect}-{n}"),
        };
    }

    private static int Writes(FakeKubernetesApiServer server, string node) =>
        server.Requests.Count(r => r.Method == "PATCH" && r.Path.Contains(node, StringComparison.Ordinal));

    /// <summary>One loopback server for all cases; each case uses its own node.</summary>
    public sealed class ServerFixture : IAsyncLifetime
    {
        internal FakeKubernetesApiServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await FakeKubernetesApiServer.StartAsync();

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
