using System.Globalization;
using DeviceHealth.Actions;
using DeviceHealth.Inputs;
using k8s.Models;

namespace DeviceHealth.Kubernetes.Translation;

/// <summary>
/// Turns KubernetesClient's Node and Pod models into the core's input snapshots. Only extended resources (a
/// domain-qualified name outside <c>kubernetes.io</c>, such as <c>nvidia.com/gpu</c>) are carried over from capacity
/// and allocatable; values that are not whole non-negative counts are dropped, because a device count cannot be
/// fractional.
/// </summary>
internal static class SnapshotTranslator
{
    public static NodeSnapshot ToNodeSnapshot(V1Node node, DateTimeOffset observedAt)
    {
        ArgumentNullException.ThrowIfNull(node);
        var metadata = node.Metadata ?? new V1ObjectMeta();
        var annotations = metadata.Annotations;
        bool ownedCordon = annotations is not null
            && annotations.TryGetValue(ActionIntent.OwnerAnnotation, out var owner)
            && owner == ActionIntent.OwnerValue;

        return new NodeSnapshot
        {
            Name = metadata.Name ?? "",
            ResourceVersion = metadata.ResourceVersion ?? "",
            ObservedAt = observedAt,
            Capacity = ExtendedResources(node.Status?.Capacity),
            Allocatable = ExtendedResources(node.Status?.Allocatable),
            Unschedulable = node.Spec?.Unschedulable == true,
            CordonedByDeviceHealth = ownedCordon && node.Spec?.Unschedulable == true,
            Taints = (node.Spec?.Taints ?? [])
                .Select(t => new NodeTaint(t.Key ?? "", t.Value ?? "", ParseEffect(t.Effect)))
                .ToList(),
            Conditions = (node.Status?.Conditions ?? [])
                .Select(c => new NodeConditionSnapshot(
                    c.Type ?? "",
                    ParseConditionStatus(c.Status),
                    c.Reason ?? "",
                    ToOffset(c.LastTransitionTime)))
                .ToList(),
        };
    }

    public static PodSnapshot ToPodSnapshot(V1Pod pod, DateTimeOffset observedAt)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var metadata = pod.Metadata ?? new V1ObjectMeta();
        var status = pod.Status;
        var containers = (status?.InitContainerStatuses ?? [])
            .Select(c => ToContainer(c, isInit: true))
            .Concat((status?.ContainerStatuses ?? []).Select(c => ToContainer(c, isInit: false)))
            .ToList();

        return new PodSnapshot
        {
            Namespace = metadata.NamespaceProperty ?? "",
            Name = metadata.Name ?? "",
            Uid = metadata.Uid ?? "",
            NodeName = pod.Spec?.NodeName ?? "",
            ResourceVersion = metadata.ResourceVersion ?? "",
            ObservedAt = observedAt,
            Phase = ParsePhase(status?.Phase),
            RestartPolicy = pod.Spec?.RestartPolicy ?? "Always",
            Terminating = metadata.DeletionTimestamp is not null,
            Owners = (metadata.OwnerReferences ?? [])
                .Select(o => new OwnerReference(o.Kind ?? "", o.Name ?? "", o.Uid ?? "", o.Controller == true))
                .ToList(),
            Labels = metadata.Labels is null
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                : new Dictionary<string, string>(metadata.Labels, StringComparer.Ordinal),
            Conditions = (status?.Conditions ?? [])
                .Select(c => new PodConditionSnapshot(c.Type ?? "", ParseConditionStatus(c.Status), c.Reason ?? ""))
                .ToList(),
            ContainerStatuses = containers,

            // KubernetesClient's V1PodStatus has no pod-level allocatedResourcesStatus, so only the per-container
            // statuses are carried over.
        };
    }

    /// <summary>True for an extended resource name: <c>domain/name</c> outside the <c>kubernetes.io</c> domains.</summary>
    public static bool IsExtendedResource(string name)
    {
        int slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == name.Length - 1)
        {
            return false;
        }

        string domain = name[..slash];
        return domain != "kubernetes.io" && !domain.EndsWith(".kubernetes.io", StringComparison.Ordinal)
            && !name.StartsWith("requests.", StringComparison.Ordinal);
    }

    /// <summary>Parses a device count: a plain non-negative integer, optionally with a decimal SI suffix (k, M, G).</summary>
    public static bool TryParseCount(string? text, out long count)
    {
        count = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        long multiplier = 1;
        string digits = text;
        switch (text[^1])
        {
            case 'k':
                multiplier = 1_000;
                digits = text[..^1];
                break;
            case 'M':
                multiplier = 1_000_000;
                digits = text[..^1];
                break;
            case 'G':
                multiplier = 1_000_000_000;
                digits = text[..^1];
                break;
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            return false;
        }

        try
        {
            count = checked(value * multiplier);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static TaintEffect ParseEffect(string? effect) => effect switch
    {
        "NoSchedule" => TaintEffect.NoSchedule,
        "PreferNoSchedule" => TaintEffect.PreferNoSchedule,
        "NoExecute" => TaintEffect.NoExecute,
        _ => TaintEffect.None,
    };

    public static string FormatEffect(TaintEffect effect) => effect switch
    {
        TaintEffect.NoSchedule => "NoSchedule",
        TaintEffect.PreferNoSchedule => "PreferNoSchedule",
        TaintEffect.NoExecute => "NoExecute",
        _ => "None",
    };

    public static ConditionStatus ParseConditionStatus(string? status) => status switch
    {
        "True" => ConditionStatus.True,
        "False" => ConditionStatus.False,
        _ => ConditionStatus.Unknown,
    };

    public static string FormatConditionStatus(ConditionStatus status) => status switch
    {
        ConditionStatus.True => "True",
        ConditionStatus.False => "False",
        _ => "Unknown",
    };

    private static PodPhase ParsePhase(string? phase) => phase switch
    {
        "Pending" => PodPhase.Pending,
        "Running" => PodPhase.Running,
        "Succeeded" => PodPhase.Succeeded,
        "Failed" => PodPhase.Failed,
        _ => PodPhase.Unknown,
    };

    private static ContainerStatusSnapshot ToContainer(V1ContainerStatus status, bool isInit) => new()
    {
        Name = status.Name ?? "",
        IsInitContainer = isInit,
        RestartCount = status.RestartCount,
        WaitingReason = status.State?.Waiting?.Reason ?? "",
        ExitCode = status.State?.Terminated?.ExitCode,
        LastExitCode = status.LastState?.Terminated?.ExitCode,
        AllocatedResourcesStatus = ToResourceStatuses(status.AllocatedResourcesStatus),
    };

    private static List<ResourceStatus> ToResourceStatuses(IList<V1ResourceStatus>? statuses) =>
        (statuses ?? [])
            .Select(s => new ResourceStatus(
                s.Name ?? "",
                (s.Resources ?? [])
                    .Select(r => new ResourceHealth(r.ResourceID ?? "", ParseHealth(r.Health), r.Message ?? ""))
                    .ToList()))
            .ToList();

    private static ResourceHealthState ParseHealth(string? health) => health switch
    {
        "Healthy" => ResourceHealthState.Healthy,
        "Unhealthy" => ResourceHealthState.Unhealthy,
        _ => ResourceHealthState.Unknown,
    };

    private static Dictionary<string, long> ExtendedResources(IDictionary<string, ResourceQuantity>? resources)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, quantity) in resources ?? new Dictionary<string, ResourceQuantity>())
        {
            if (IsExtendedResource(name) && TryParseCount(quantity?.ToString(), out long count))
            {
                result[name] = count;
            }
        }

        return result;
    }

    private static DateTimeOffset ToOffset(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
}
