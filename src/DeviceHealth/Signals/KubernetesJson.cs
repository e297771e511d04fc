using System.Globalization;
using System.Text.Json;
using DeviceHealth.Actions;
using DeviceHealth.Inputs;
using DeviceHealth.Jobs;

namespace DeviceHealth.Signals;

/// <summary>
/// Reads the Kubernetes object shapes DeviceHealth needs from their JSON form with <see cref="JsonDocument"/>
/// (AOT-safe): Pod (or a bare PodStatus), Node, PodResources List / GetAllocatableResources, ResourceSlice device taints,
/// and Job <c>podFailurePolicy</c>. Unknown enum values are read as Unknown (health) or None (taint effect); missing
/// fields take their API defaults. Malformed JSON throws <see cref="DeviceHealthException"/> with line and byte position.
/// </summary>
public static class KubernetesJson
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads a Pod object (or a bare <c>status</c> object, as printed by some tools).</summary>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="DeviceHealthException">The JSON is malformed.</exception>
    public static PodSnapshot ReadPod(ReadOnlyMemory<byte> json)
    {
        using JsonDocument doc = Parse(json);
        JsonElement root = Root(doc);
        JsonElement meta = Prop(root, "metadata");
        JsonElement spec = Prop(root, "spec");
        JsonElement status = root.TryGetProperty("status", out JsonElement st) ? st : root;
        List<OwnerReference> owners = [];
        foreach (JsonElement o in Array(meta, "ownerReferences"))
        {
            owners.Add(new OwnerReference(Str(o, "kind"), Str(o, "name"), Str(o, "uid"), Bool(o, "controller")));
        }

        Dictionary<string, string> labels = [];
        if (meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("labels", out JsonElement l) && l.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in l.EnumerateObject())
            {
                labels[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }

        List<PodConditionSnapshot> conditions = [];
        foreach (JsonElement c in Array(status, "conditions"))
        {
            conditions.Add(new PodConditionSnapshot(Str(c, "type"), Status(Str(c, "status")), Str(c, "reason")));
        }

        List<ContainerStatusSnapshot> containers = [];
        foreach (JsonElement c in Array(status, "containerStatuses"))
        {
            containers.Add(ReadContainer(c, init: false));
        }

        foreach (JsonElement c in Array(status, "initContainerStatuses"))
        {
            containers.Add(ReadContainer(c, init: true));
        }

        return new PodSnapshot
        {
            Namespace = Str(meta, "namespace"),
            Name = Str(meta, "name"),
            Uid = Str(meta, "uid"),
            ResourceVersion = Str(meta, "resourceVersion"),
            NodeName = Str(spec, "nodeName"),
            RestartPolicy = Str(spec, "restartPolicy") is { Length: > 0 } rp ? rp : "Always",
            Terminating = meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("deletionTimestamp", out JsonElement dt)
                && dt.ValueKind == JsonValueKind.String,
            Phase = Str(status, "phase") switch
            {
                "Pending" => PodPhase.Pending,
                "Running" => PodPhase.Running,
                "Succeeded" => PodPhase.Succeeded,
                "Failed" => PodPhase.Failed,
                _ => PodPhase.Unknown,
            },
            Owners = owners,
            Labels = labels,
            Conditions = conditions,
            ContainerStatuses = containers,
            AllocatedResourcesStatus = ReadResourceStatuses(status),
        };
    }

    /// <summary>Reads a Node object.</summary>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <returns>The snapshot (extended resources only in <c>Capacity</c> and <c>Allocatable</c>: names with a '/').</returns>
    /// <exception cref="DeviceHealthException">The JSON is malformed or a quantity is not an integer.</exception>
    public static NodeSnapshot ReadNode(ReadOnlyMemory<byte> json)
    {
        using JsonDocument doc = Parse(json);
        JsonElement root = Root(doc);
        JsonElement meta = Prop(root, "metadata");
        JsonElement spec = Prop(root, "spec");
        JsonElement status = Prop(root, "status");
        List<NodeTaint> taints = [];
        foreach (JsonElement t in Array(spec, "taints"))
        {
            taints.Add(new NodeTaint(Str(t, "key"), Str(t, "value"), Effect(Str(t, "effect"))));
        }

        List<NodeConditionSnapshot> conditions = [];
        foreach (JsonElement c in Array(status, "conditions"))
        {
            DateTimeOffset.TryParse(Str(c, "lastTransitionTime"), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out DateTimeOffset ltt);
            conditions.Add(new NodeConditionSnapshot(Str(c, "type"), Status(Str(c, "status")), Str(c, "reason"), ltt));
        }

        Dictionary<string, string> annotations = [];
        if (meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("annotations", out JsonElement a) && a.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in a.EnumerateObject())
            {
                annotations[p.Name] = p.Value.ToString();
            }
        }

        return new NodeSnapshot
        {
            Name = Str(meta, "name"),
            ResourceVersion = Str(meta, "resourceVersion"),
            Capacity = ExtendedResources(Prop(status, "capacity")),
            Allocatable = ExtendedResources(Prop(status, "allocatable")),
            Unschedulable = Bool(spec, "unschedulable"),
            CordonedByDeviceHealth = annotations.TryGetValue(ActionIntent.OwnerAnnotation, out string? owner)
                && owner == ActionIntent.OwnerValue,
            Taints = taints,
            Conditions = conditions,
        };
    }

    /// <summary>Reads PodResources replies rendered as JSON with proto field names: an object with <c>List</c>
    /// (<c>pod_resources</c>) and/or <c>GetAllocatableResources</c> (<c>devices</c>).</summary>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="DeviceHealthException">The JSON is malformed.</exception>
    public static PodResourcesSnapshot ReadPodResources(ReadOnlyMemory<byte> json)
    {
        using JsonDocument doc = Parse(json);
        JsonElement root = Root(doc);
        JsonElement list = root.TryGetProperty("List", out JsonElement li) ? li : root;
        Dictionary<string, IReadOnlyList<string>> pods = new(StringComparer.Ordinal);
        foreach (JsonElement pod in Array(list, "pod_resources"))
        {
            List<string> ids = [];
            foreach (JsonElement c in Array(pod, "containers"))
            {
                foreach (JsonElement d in Array(c, "devices"))
                {
                    ids.AddRange(Array(d, "device_ids").Select(static x => x.ToString()));
                }

                foreach (JsonElement claim in Array(c, "dynamic_resources"))
                {
                    foreach (JsonElement r in Array(claim, "claim_resources"))
                    {
                        ids.Add($"{Str(r, "driver_name")}/{Str(r, "pool_name")}/{Str(r, "device_name")}");
                    }
                }
            }

            pods[$"{Str(pod, "namespace")}/{Str(pod, "name")}"] = ids;
        }

        Dictionary<string, List<string>> allocatable = new(StringComparer.Ordinal);
        if (root.TryGetProperty("GetAllocatableResources", out JsonElement alloc))
        {
            foreach (JsonElement d in Array(alloc, "devices"))
            {
                string name = Str(d, "resource_name");
                if (!allocatable.TryGetValue(name, out List<string>? ids))
                {
                    allocatable[name] = ids = [];
                }

                ids.AddRange(Array(d, "device_ids").Select(static x => x.ToString()));
            }
        }

        return new PodResourcesSnapshot(pods, allocatable.ToDictionary(static p => p.Key, static p => (IReadOnlyList<string>)p.Value));
    }

    /// <summary>Reads the device taints of a ResourceSlice.</summary>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <returns>The taints, in device order.</returns>
    /// <exception cref="DeviceHealthException">The JSON is malformed.</exception>
    public static IReadOnlyList<DeviceTaintInfo> ReadResourceSliceTaints(ReadOnlyMemory<byte> json)
    {
        using JsonDocument doc = Parse(json);
        JsonElement spec = Prop(Root(doc), "spec");
        string driver = Str(spec, "driver");
        string pool = Str(Prop(spec, "pool"), "name");
        List<DeviceTaintInfo> taints = [];
        foreach (JsonElement device in Array(spec, "devices"))
        {
            JsonElement holder = Prop(device, "basic") is { ValueKind: JsonValueKind.Object } basic ? basic : device;
            foreach (JsonElement t in Array(holder, "taints"))
            {
                taints.Add(new DeviceTaintInfo(driver, pool, Str(device, "name"), Str(t, "key"), Str(t, "value"), Effect(Str(t, "effect"))));
            }
        }

        return taints;
    }

    /// <summary>Reads a Job's <c>spec.podFailurePolicy</c> from a Job object (or the policy object itself).</summary>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <returns>The policy, or null when the Job has none.</returns>
    /// <exception cref="DeviceHealthException">The JSON is malformed.</exception>
    public static PodFailurePolicy? ReadPodFailurePolicy(ReadOnlyMemory<byte> json)
    {
        using JsonDocument doc = Parse(json);
        JsonElement root = Root(doc);
        JsonElement policy = root.TryGetProperty("spec", out JsonElement spec)
            ? Prop(spec, "podFailurePolicy")
            : root;
        if (policy.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        List<PodFailurePolicyRule> rules = [];
        foreach (JsonElement r in Array(policy, "rules"))
        {
            PodFailurePolicyOnExitCodes? codes = null;
            if (Prop(r, "onExitCodes") is { ValueKind: JsonValueKind.Object } oc)
            {
                string? container = oc.TryGetProperty("containerName", out JsonElement cn) && cn.ValueKind == JsonValueKind.String
                    ? cn.GetString()
                    : null;
                List<int> values = [];
                foreach (JsonElement v in Array(oc, "values"))
                {
                    if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int code))
                    {
                        values.Add(code);
                    }
                    else if (int.TryParse(v.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed))
                    {
                        values.Add(parsed);
                    }
                }

                codes = new PodFailurePolicyOnExitCodes(container, Str(oc, "operator"), values);
            }

            List<PodConditionPattern>? patterns = null;
            if (Prop(r, "onPodConditions") is { ValueKind: JsonValueKind.Array } pc)
            {
                patterns = [];
                foreach (JsonElement p in pc.EnumerateArray())
                {
                    string s = Str(p, "status");
                    patterns.Add(new PodConditionPattern(Str(p, "type"), s.Length == 0 ? ConditionStatus.True : Status(s)));
                }
            }

            rules.Add(new PodFailurePolicyRule(Str(r, "action"), codes, patterns, Str(r, "name") is { Length: > 0 } n ? n : null));
        }

        return new PodFailurePolicy(rules);
    }

    /// <summary>Reads a JobSet's <c>spec.failurePolicy</c> from a JobSet object (or the policy object itself).</summary>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <returns>The policy, or null when the JobSet has none.</returns>
    /// <exception cref="DeviceHealthException">The JSON is malformed, or an action or strategy is unknown.</exception>
    public static JobSetFailurePolicy? ReadJobSetFailurePolicy(ReadOnlyMemory<byte> json)
    {
        using JsonDocument doc = Parse(json);
        JsonElement root = Root(doc);
        JsonElement policy = root.TryGetProperty("spec", out JsonElement spec) ? Prop(spec, "failurePolicy") : root;
        if (policy.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        int maxRestarts = int.TryParse(Str(policy, "maxRestarts"), NumberStyles.None, CultureInfo.InvariantCulture, out int m) ? m : 0;
        string strategyText = Str(policy, "restartStrategy");
        JobSetRestartStrategy strategy = strategyText.Length == 0 ? JobSetRestartStrategy.Recreate
            : Enum.TryParse(strategyText, ignoreCase: false, out JobSetRestartStrategy st) && Enum.IsDefined(st) ? st
            : throw new DeviceHealthException($"failurePolicy.restartStrategy: expected Recreate, BlockingRecreate or InPlaceRestart, found '{strategyText}'");
        List<JobSetFailurePolicyRule> rules = [];
        JsonElement[] ruleElements = Array(policy, "rules");
        for (int i = 0; i < ruleElements.Length; i++)
        {
            JsonElement r = ruleElements[i];
            string actionText = Str(r, "action");
            if (!Enum.TryParse(actionText, ignoreCase: false, out JobSetFailureAction action) || !Enum.IsDefined(action))
            {
                throw new DeviceHealthException($"failurePolicy.rules[{i}].action: unknown action '{actionText}'");
            }

            rules.Add(new JobSetFailurePolicyRule(
                Str(r, "name"),
                action,
                [.. Array(r, "onJobFailureReasons").Select(static x => x.ToString())],
                [.. Array(r, "onJobFailureMessagePatterns").Select(static x => x.ToString())]));
        }

        return new JobSetFailurePolicy(maxRestarts, strategy, rules);
    }

    private static ContainerStatusSnapshot ReadContainer(JsonElement c, bool init)
    {
        JsonElement state = Prop(c, "state");
        JsonElement last = Prop(c, "lastState");
        return new ContainerStatusSnapshot
        {
            Name = Str(c, "name"),
            IsInitContainer = init,
            RestartCount = Prop(c, "restartCount") is { ValueKind: JsonValueKind.Number } rc && rc.TryGetInt32(out int n) ? n : 0,
            WaitingReason = Str(Prop(state, "waiting"), "reason"),
            ExitCode = ExitCode(Prop(state, "terminated")),
            LastExitCode = ExitCode(Prop(last, "terminated")),
            AllocatedResourcesStatus = ReadResourceStatuses(c),
        };
    }

    private static int? ExitCode(JsonElement terminated) =>
        terminated.ValueKind == JsonValueKind.Object && terminated.TryGetProperty("exitCode", out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v)
            ? v
            : null;

    private static List<ResourceStatus> ReadResourceStatuses(JsonElement holder)
    {
        List<ResourceStatus> list = [];
        foreach (JsonElement s in Array(holder, "allocatedResourcesStatus"))
        {
            List<ResourceHealth> resources = [];
            foreach (JsonElement r in Array(s, "resources"))
            {
                ResourceHealthState health = Str(r, "health") switch
                {
                    "Healthy" => ResourceHealthState.Healthy,
                    "Unhealthy" => ResourceHealthState.Unhealthy,
                    _ => ResourceHealthState.Unknown,
                };
                resources.Add(new ResourceHealth(Str(r, "resourceID"), health, Str(r, "message")));
            }

            list.Add(new ResourceStatus(Str(s, "name"), resources));
        }

        return list;
    }

    private static Dictionary<string, long> ExtendedResources(JsonElement quantities)
    {
        Dictionary<string, long> map = new(StringComparer.Ordinal);
        if (quantities.ValueKind != JsonValueKind.Object)
        {
            return map;
        }

        foreach (JsonProperty p in quantities.EnumerateObject())
        {
            if (!p.Name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            string text = p.Value.ToString();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                throw new DeviceHealthException($"extended resource '{p.Name}': expected a whole number, found '{text}'");
            }

            map[p.Name] = value;
        }

        return map;
    }

    internal static TaintEffect Effect(string value) => value switch
    {
        "NoSchedule" => TaintEffect.NoSchedule,
        "PreferNoSchedule" => TaintEffect.PreferNoSchedule,
        "NoExecute" => TaintEffect.NoExecute,
        _ => TaintEffect.None,
    };

    private static ConditionStatus Status(string value) => value switch
    {
        "True" => ConditionStatus.True,
        "False" => ConditionStatus.False,
        _ => ConditionStatus.Unknown,
    };

    private static JsonDocument Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json, s_options);
        }
        catch (JsonException ex)
        {
            int line = (int)(ex.LineNumber ?? -1) + 1;
            int column = (int)(ex.BytePositionInLine ?? -1) + 1;
            throw new DeviceHealthException($"malformed JSON: {ex.Message}", line, column);
        }
    }

    private static JsonElement Root(JsonDocument doc)
    {
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new DeviceHealthException($"expected a JSON object at the top level, found {root.ValueKind}", 1, 1);
        }

        return root;
    }

    private static JsonElement Prop(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) ? v : default;

    private static string Str(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out JsonElement v))
        {
            return "";
        }

        // Be lenient with YAML-converted input where "48" lost its quotes.
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
            _ => "",
        };
    }

    private static bool Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.True;

    private static JsonElement[] Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray()]
            : [];
}
