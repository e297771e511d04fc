using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using DeviceHealth.Actions;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Internal;
using DeviceHealth.Kubernetes.Translation;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DeviceHealth.Kubernetes.Applying;

/// <summary>
/// Applies the core's action intents to a cluster through KubernetesClient, idempotently:
/// <list type="bullet">
/// <item><see cref="CordonNode"/>, <see cref="UncordonNode"/>, <see cref="TaintNode"/> and
/// <see cref="RemoveNodeTaint"/> are JSON merge patches of the Node carrying its resourceVersion (a lost race, 409, is
/// re-read and retried) and recording the intent's idempotency key in the node's ledger annotation in the same write;
/// a key already in the ledger, or a node that already looks as asked, writes nothing. Cordons and taints someone else
/// made are never taken over or undone.</item>
/// <item><see cref="SetNodeCondition"/> patches the status subresource; an identical condition writes nothing.</item>
/// <item><see cref="DeletePod"/> deletes with a UID precondition and <see cref="EvictPod"/> posts a policy/v1
/// Eviction with the same precondition, so a recreated pod of the same name is never touched.</item>
/// <item><see cref="Hold"/> is logged and skipped; intents this package does not apply (device taints,
/// remediations, gang restarts) are skipped for the embedding controller to handle.</item>
/// </list>
/// </summary>
public sealed class KubernetesActionApplier
{
    private readonly IKubernetes _client;
    private readonly DeviceHealthKubernetesOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KubernetesMetrics _metrics;

    /// <summary>Creates an applier.</summary>
    /// <param name="client">The Kubernetes client.</param>
    /// <param name="options">The integration's options.</param>
    /// <param name="time">The clock (condition timestamps, request timeouts).</param>
    /// <param name="logger">The logger, or null for none.</param>
    /// <param name="meterFactory">Creates the <c>DeviceHealth.Kubernetes</c> meter, or null for a standalone meter.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/>, <paramref name="options"/> or
    /// <paramref name="time"/> is null.</exception>
    public KubernetesActionApplier(
        IKubernetes client,
        IOptions<DeviceHealthKubernetesOptions> options,
        TimeProvider time,
        ILogger<KubernetesActionApplier>? logger = null,
        IMeterFactory? meterFactory = null)
        : this(client, options?.Value!, time, logger, new KubernetesMetrics(meterFactory))
    {
    }

    internal KubernetesActionApplier(
        IKubernetes client,
        DeviceHealthKubernetesOptions options,
        TimeProvider time,
        ILogger? logger,
        KubernetesMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
    }

    /// <summary>Applies one intent. Never throws for API errors: they are reported as <see cref="ActionOutcome.Failed"/>.</summary>
    /// <param name="intent">The intent.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="intent"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ActionResult> ApplyAsync(ActionIntent intent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        string action = intent.GetType().Name;
        string target = Target(intent);
        ActionResult result;
        Exception? failure = null;
        try
        {
            result = await ApplyCoreAsync(intent, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            failure = ex;
            result = new ActionResult(ActionOutcome.Failed, $"timed out after {_options.RequestTimeout}");
        }
        catch (HttpOperationException ex)
        {
            failure = ex;
            result = new ActionResult(ActionOutcome.Failed, Describe(ex));
        }
        catch (Exception ex) when (ex is HttpRequestException or KubernetesException or System.Text.Json.JsonException)
        {
            // A transport failure or an answer that is not a Kubernetes object.
            failure = ex;
            result = new ActionResult(ActionOutcome.Failed, ex.Message);
        }

        Record(action, intent.IdempotencyKey, target, result, failure);
        return result;
    }

    private async Task<ActionResult> ApplyCoreAsync(ActionIntent intent, CancellationToken cancellationToken)
    {
        if (intent is Hold hold)
        {
            Log.Held(_logger, hold.Subject, hold.Reason.ToString(), hold.Message);
            return new ActionResult(ActionOutcome.Skipped, $"held: {hold.Reason}");
        }

        if (_options.DryRun)
        {
            return new ActionResult(ActionOutcome.Skipped, "dry run");
        }

        return intent switch
        {
            CordonNode c => await WriteNodeAsync(c.NodeName, c.IdempotencyKey, PlanCordon, cancellationToken)
                .ConfigureAwait(false),
            UncordonNode u => await WriteNodeAsync(u.NodeName, u.IdempotencyKey, PlanUncordon, cancellationToken)
                .ConfigureAwait(false),
            TaintNode t => await WriteNodeAsync(t.NodeName, t.IdempotencyKey, n => PlanTaint(n, t), cancellationToken)
                .ConfigureAwait(false),
            RemoveNodeTaint r => await WriteNodeAsync(
                    r.NodeName,
                    r.IdempotencyKey,
                    n => PlanRemoveTaint(n, r),
                    cancellationToken)
                .ConfigureAwait(false),
            SetNodeCondition s => await SetConditionAsync(s, cancellationToken).ConfigureAwait(false),
            DeletePod d => await DeletePodAsync(d, cancellationToken).ConfigureAwait(false),
            EvictPod e => await EvictPodAsync(e, cancellationToken).ConfigureAwait(false),
            _ => new ActionResult(
                ActionOutcome.Skipped,
                $"{intent.GetType().Name} is not applied by DeviceHealth.Kubernetes; "
                + "the embedding controller handles it"),
        };
    }

    private async Task<ActionResult> WriteNodeAsync(
        string nodeName,
        string key,
        Func<V1Node, NodePlan> plan,
        CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt <= _options.ConflictRetries; attempt++)
        {
            V1Node? node = await ReadNodeAsync(nodeName, cancellationToken).ConfigureAwait(false);
            if (node is null)
            {
                return new ActionResult(ActionOutcome.Skipped, $"node {nodeName} does not exist");
            }

            var annotations = node.Metadata?.Annotations;
            var applied = NodeLedger.Read(annotations, NodeLedger.AppliedAnnotation);
            if (applied.Contains(key, StringComparer.Ordinal))
            {
                return new ActionResult(ActionOutcome.AlreadyApplied, "the node's ledger records this key");
            }

            var decision = plan(node);
            if (decision.Result is { } done)
            {
                return done;
            }

            applied.Add(key);
            var annotationPatch = decision.Annotations ?? new JsonObject();
            annotationPatch[NodeLedger.AppliedAnnotation] = NodeLedger.Format(applied, _options.LedgerCapacity);
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["resourceVersion"] = node.Metadata?.ResourceVersion,
                    ["annotations"] = annotationPatch,
                },
                ["spec"] = decision.Spec,
            };

            try
            {
                using var timeout = RequestTimeout(cancellationToken);
                await _client.CoreV1.PatchNodeAsync(
                        new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                        nodeName,
                        cancellationToken: timeout.Token)
                    .ConfigureAwait(false);
                return new ActionResult(ActionOutcome.Applied, decision.Detail);
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Conflict)
            {
                // Someone else wrote the node since it was read: read it again and decide again.
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
            {
                return new ActionResult(ActionOutcome.Skipped, $"node {nodeName} does not exist");
            }
        }

        return new ActionResult(
            ActionOutcome.Failed,
            $"node {nodeName} kept changing: {_options.ConflictRetries + 1} writes lost the resourceVersion race");
    }

    private static NodePlan PlanCordon(V1Node node)
    {
        if (node.Spec?.Unschedulable == true)
        {
            return OwnsCordon(node)
                ? NodePlan.Done(ActionOutcome.AlreadyApplied, "the node is already cordoned by DeviceHealth")
                : NodePlan.Done(ActionOutcome.Skipped, "the node was cordoned by someone else; not taking it over");
        }

        return new NodePlan(
            new JsonObject { ["unschedulable"] = true },
            new JsonObject { [ActionIntent.OwnerAnnotation] = ActionIntent.OwnerValue },
            "cordoned");
    }

    private static NodePlan PlanUncordon(V1Node node)
    {
        bool owned = OwnsCordon(node);
        if (node.Spec?.Unschedulable != true)
        {
            return owned
                ? new NodePlan(null, new JsonObject { [ActionIntent.OwnerAnnotation] = null }, "cleared the owner mark")
                : NodePlan.Done(ActionOutcome.AlreadyApplied, "the node is schedulable");
        }

        if (!owned)
        {
            return NodePlan.Done(ActionOutcome.Skipped, "the cordon belongs to someone else; DeviceHealth leaves it");
        }

        return new NodePlan(
            new JsonObject { ["unschedulable"] = null },
            new JsonObject { [ActionIntent.OwnerAnnotation] = null },
            "uncordoned");
    }

    private NodePlan PlanTaint(V1Node node, TaintNode intent)
    {
        if (intent.Effect == TaintEffect.None)
        {
            return NodePlan.Done(ActionOutcome.Failed, "a node taint cannot have the effect None");
        }

        string effect = SnapshotTranslator.FormatEffect(intent.Effect);
        var taints = node.Spec?.Taints ?? [];
        var owned = NodeLedger.Read(node.Metadata?.Annotations, NodeLedger.OwnedTaintsAnnotation);
        string id = NodeLedger.TaintId(intent.Key, effect);
        var existing = taints.FirstOrDefault(t => t.Key == intent.Key && t.Effect == effect);
        if (existing is not null && (existing.Value ?? "") == intent.Value)
        {
            return NodePlan.Done(ActionOutcome.AlreadyApplied, "the node already has this taint");
        }

        if (existing is not null && !owned.Contains(id, StringComparer.Ordinal))
        {
            return NodePlan.Done(ActionOutcome.Skipped, "a taint with this key and effect belongs to someone else");
        }

        var list = new JsonArray();
        foreach (var taint in taints)
        {
            list.Add((JsonNode)(taint == existing ? NewTaint(intent.Key, intent.Value, effect) : TaintJson(taint)));
        }

        if (existing is null)
        {
            list.Add((JsonNode)NewTaint(intent.Key, intent.Value, effect));
            owned.Add(id);
        }

        return new NodePlan(
            new JsonObject { ["taints"] = list },
            new JsonObject { [NodeLedger.OwnedTaintsAnnotation] = NodeLedger.Format(owned, int.MaxValue) },
            existing is null ? "tainted" : "updated the taint's value");

        JsonObject NewTaint(string key, string value, string taintEffect)
        {
            var json = new JsonObject { ["key"] = key, ["effect"] = taintEffect };
            if (value.Length > 0)
            {
                json["value"] = value;
            }

            if (taintEffect == "NoExecute")
            {
                json["timeAdded"] = FormatTime(_time.GetUtcNow());
            }

            return json;
        }
    }

    private static NodePlan PlanRemoveTaint(V1Node node, RemoveNodeTaint intent)
    {
        string effect = SnapshotTranslator.FormatEffect(intent.Effect);
        var taints = node.Spec?.Taints ?? [];
        var owned = NodeLedger.Read(node.Metadata?.Annotations, NodeLedger.OwnedTaintsAnnotation);
        string id = NodeLedger.TaintId(intent.Key, effect);
        bool present = taints.Any(t => t.Key == intent.Key && t.Effect == effect);
        if (!present)
        {
            return NodePlan.Done(ActionOutcome.AlreadyApplied, "the node does not have this taint");
        }

        if (!owned.Remove(id))
        {
            return NodePlan.Done(ActionOutcome.Skipped, "the taint belongs to someone else; DeviceHealth leaves it");
        }

        var list = new JsonArray();
        foreach (var taint in taints.Where(t => !(t.Key == intent.Key && t.Effect == effect)))
        {
            list.Add((JsonNode)TaintJson(taint));
        }

        return new NodePlan(
            new JsonObject { ["taints"] = list },
            new JsonObject { [NodeLedger.OwnedTaintsAnnotation] = NodeLedger.Format(owned, int.MaxValue) },
            "removed the taint");
    }

    private async Task<ActionResult> SetConditionAsync(SetNodeCondition intent, CancellationToken cancellationToken)
    {
        string status = SnapshotTranslator.FormatConditionStatus(intent.Status);
        for (int attempt = 0; attempt <= _options.ConflictRetries; attempt++)
        {
            V1Node? node = await ReadNodeAsync(intent.NodeName, cancellationToken).ConfigureAwait(false);
            if (node is null)
            {
                return new ActionResult(ActionOutcome.Skipped, $"node {intent.NodeName} does not exist");
            }

            var conditions = node.Status?.Conditions ?? [];
            var existing = conditions.FirstOrDefault(c => c.Type == intent.Type);
            if (existing is not null && existing.Status == status && existing.Reason == intent.Reason
                && existing.Message == intent.Message)
            {
                return new ActionResult(ActionOutcome.AlreadyApplied, "the node already has this condition");
            }

            string now = FormatTime(_time.GetUtcNow());
            var list = new JsonArray();
            foreach (var condition in conditions.Where(c => c.Type != intent.Type))
            {
                list.Add((JsonNode)ConditionJson(condition));
            }

            list.Add((JsonNode)new JsonObject
            {
                ["type"] = intent.Type,
                ["status"] = status,
                ["reason"] = intent.Reason,
                ["message"] = intent.Message,
                ["lastHeartbeatTime"] = now,
                ["lastTransitionTime"] = existing is not null && existing.Status == status
                    && existing.LastTransitionTime is { } since
                    ? FormatTime(new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)))
                    : now,
            });
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = node.Metadata?.ResourceVersion },
                ["status"] = new JsonObject { ["conditions"] = list },
            };

            try
            {
                using var timeout = RequestTimeout(cancellationToken);
                await _client.CoreV1.PatchNodeStatusAsync(
                        new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                        intent.NodeName,
                        cancellationToken: timeout.Token)
                    .ConfigureAwait(false);
                return new ActionResult(ActionOutcome.Applied, $"set condition {intent.Type}={status}");
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Conflict)
            {
                // The kubelet or another writer updated the status meanwhile: read again.
            }
        }

        return new ActionResult(
            ActionOutcome.Failed,
            $"node {intent.NodeName} status kept changing: {_options.ConflictRetries + 1} writes lost the race");
    }

    private async Task<ActionResult> DeletePodAsync(DeletePod intent, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = RequestTimeout(cancellationToken);
            await _client.CoreV1.DeleteNamespacedPodAsync(
                    intent.Name,
                    intent.Namespace,
                    new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = intent.Uid } },
                    cancellationToken: timeout.Token)
                .ConfigureAwait(false);
            return new ActionResult(ActionOutcome.Applied, "deleted");
        }
        catch (HttpOperationException ex) when (PodGoneOrReplaced(ex) is { } result)
        {
            return result;
        }
    }

    private async Task<ActionResult> EvictPodAsync(EvictPod intent, CancellationToken cancellationToken)
    {
        var eviction = new V1Eviction
        {
            ApiVersion = "policy/v1",
            Kind = "Eviction",
            Metadata = new V1ObjectMeta { Name = intent.Name, NamespaceProperty = intent.Namespace },
            DeleteOptions = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = intent.Uid } },
        };
        try
        {
            using var timeout = RequestTimeout(cancellationToken);
            await _client.CoreV1.CreateNamespacedPodEvictionAsync(
                    eviction,
                    intent.Name,
                    intent.Namespace,
                    cancellationToken: timeout.Token)
                .ConfigureAwait(false);
            return new ActionResult(ActionOutcome.Applied, "evicted");
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new ActionResult(ActionOutcome.Deferred, "a PodDisruptionBudget does not allow the eviction now");
        }
        catch (HttpOperationException ex) when (PodGoneOrReplaced(ex) is { } result)
        {
            return result;
        }
    }

    private static ActionResult? PodGoneOrReplaced(HttpOperationException ex) => ex.Response?.StatusCode switch
    {
        HttpStatusCode.NotFound => new ActionResult(ActionOutcome.Skipped, "the pod no longer exists"),
        HttpStatusCode.Conflict => new ActionResult(
            ActionOutcome.Skipped,
            "the pod was replaced (its UID differs from the precondition)"),
        _ => null,
    };

    private async Task<V1Node?> ReadNodeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = RequestTimeout(cancellationToken);
            return await _client.CoreV1.ReadNodeAsync(name, cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private RequestTimeout RequestTimeout(CancellationToken cancellationToken) =>
        new(_options.RequestTimeout, _time, cancellationToken);

    private void Record(string action, string key, string target, ActionResult result, Exception? failure)
    {
        switch (result.Outcome)
        {
            case ActionOutcome.Applied:
                _metrics.ActionApplied(action);
                Log.ActionApplied(_logger, action, key, target);
                break;

            case ActionOutcome.Failed:
                _metrics.ActionFailed(action);
                Log.ActionFailed(_logger, action, key, target, result.Detail, failure);
                break;

            default:
                _metrics.ActionSkipped(action, result.Outcome.ToString());
                Log.ActionSkipped(_logger, action, key, target, result.Outcome.ToString(), result.Detail);
                break;
        }
    }

    private static bool OwnsCordon(V1Node node) =>
        node.Metadata?.Annotations is { } annotations
        && annotations.TryGetValue(ActionIntent.OwnerAnnotation, out var owner)
        && owner == ActionIntent.OwnerValue;

    private static JsonObject TaintJson(V1Taint taint)
    {
        var json = new JsonObject { ["key"] = taint.Key, ["effect"] = taint.Effect };
        if (!string.IsNullOrEmpty(taint.Value))
        {
            json["value"] = taint.Value;
        }

        if (taint.TimeAdded is { } added)
        {
            json["timeAdded"] = FormatTime(new DateTimeOffset(DateTime.SpecifyKind(added, DateTimeKind.Utc)));
        }

        return json;
    }

    private static JsonObject ConditionJson(V1NodeCondition condition)
    {
        var json = new JsonObject { ["type"] = condition.Type, ["status"] = condition.Status };
        Put(json, "reason", condition.Reason);
        Put(json, "message", condition.Message);
        if (condition.LastHeartbeatTime is { } heartbeat)
        {
            json["lastHeartbeatTime"] = FormatTime(new DateTimeOffset(DateTime.SpecifyKind(heartbeat, DateTimeKind.Utc)));
        }

        if (condition.LastTransitionTime is { } transition)
        {
            json["lastTransitionTime"] = FormatTime(
                new DateTimeOffset(DateTime.SpecifyKind(transition, DateTimeKind.Utc)));
        }

        return json;

        static void Put(JsonObject json, string name, string? value)
        {
            if (value is not null)
            {
                json[name] = value;
            }
        }
    }

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Describe(HttpOperationException ex)
    {
        string status = ex.Response is null
            ? "no response"
            : ((int)ex.Response.StatusCode).ToString(CultureInfo.InvariantCulture);
        return $"the API server answered {status}: {ex.Response?.Content ?? ex.Message}";
    }

    private static string Target(ActionIntent intent) => intent switch
    {
        CordonNode c => c.NodeName,
        UncordonNode u => u.NodeName,
        TaintNode t => t.NodeName,
        RemoveNodeTaint r => r.NodeName,
        SetNodeCondition s => s.NodeName,
        DeletePod d => d.Namespace + "/" + d.Name,
        EvictPod e => e.Namespace + "/" + e.Name,
        Hold h => h.Subject,
        _ => "",
    };

    /// <summary>What a node write should do: a patch of spec and annotations, or a final result without a write.</summary>
    private readonly record struct NodePlan(JsonObject? Spec, JsonObject? Annotations, string Detail)
    {
        public ActionResult? Result { get; private init; }

        public static NodePlan Done(ActionOutcome outcome, string detail) =>
            new(null, null, detail) { Result = new ActionResult(outcome, detail) };
    }
}
