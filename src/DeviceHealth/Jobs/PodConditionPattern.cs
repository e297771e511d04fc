using DeviceHealth.Actions;

namespace DeviceHealth.Jobs;

/// <summary>An <c>onPodConditions</c> pattern.</summary>
/// <param name="Type">The condition type, for example <c>DisruptionTarget</c>.</param>
/// <param name="Status">The status to match (the API default is True).</param>
public readonly record struct PodConditionPattern(string Type, ConditionStatus Status = ConditionStatus.True);
