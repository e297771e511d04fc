using DeviceHealth.Actions;

namespace DeviceHealth.Inputs;

/// <summary>
/// What an integrator observed of a Node: extended-resource capacity and allocatable, cordon state and taints.
/// Fed to <see cref="Nodes.NodePoolMachine"/> as a <see cref="Nodes.NodePoolEvent"/>.
/// </summary>
public sealed class NodeSnapshot
{
    /// <summary>The node name.</summary>
    public required string Name { get; init; }

    /// <summary>The object's resourceVersion (compared as an unsigned integer when it parses as one).</summary>
    public string ResourceVersion { get; init; } = "";

    /// <summary>When the snapshot was observed.</summary>
    public DateTimeOffset ObservedAt { get; init; }

    /// <summary><c>status.capacity</c> for extended resources, by resource name (for example <c>nvidia.com/gpu</c>).</summary>
    public IReadOnlyDictionary<string, long> Capacity { get; init; } = s_empty;

    /// <summary><c>status.allocatable</c> for extended resources, by resource name.</summary>
    public IReadOnlyDictionary<string, long> Allocatable { get; init; } = s_empty;

    /// <summary><c>spec.unschedulable</c>.</summary>
    public bool Unschedulable { get; init; }

    /// <summary>True when the cordon was applied by DeviceHealth (the node carries <see cref="ActionIntent.OwnerAnnotation"/>).</summary>
    public bool CordonedByDeviceHealth { get; init; }

    /// <summary><c>spec.taints</c>.</summary>
    public IReadOnlyList<NodeTaint> Taints { get; init; } = [];

    /// <summary><c>status.conditions</c>.</summary>
    public IReadOnlyList<NodeConditionSnapshot> Conditions { get; init; } = [];

    private static readonly IReadOnlyDictionary<string, long> s_empty = new Dictionary<string, long>();
}
