using DeviceHealth.Actions;

namespace DeviceHealth.Inputs;

/// <summary>A pod condition as observed (for example <c>DisruptionTarget</c>).</summary>
/// <param name="Type">The condition type.</param>
/// <param name="Status">The status.</param>
/// <param name="Reason">The reason (may be empty).</param>
public readonly record struct PodConditionSnapshot(string Type, ConditionStatus Status, string Reason);
