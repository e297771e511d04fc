using DeviceHealth.Actions;

namespace DeviceHealth.Inputs;

/// <summary>A node condition as observed.</summary>
/// <param name="Type">The condition type.</param>
/// <param name="Status">The status.</param>
/// <param name="Reason">The reason (may be empty).</param>
/// <param name="LastTransitionTime">When the status last changed.</param>
public readonly record struct NodeConditionSnapshot(
    string Type,
    ConditionStatus Status,
    string Reason,
    DateTimeOffset LastTransitionTime);
