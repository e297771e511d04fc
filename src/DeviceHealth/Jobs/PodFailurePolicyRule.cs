namespace DeviceHealth.Jobs;

/// <summary>One rule of a <see cref="PodFailurePolicy"/>; exactly one of the two requirements is set.</summary>
/// <param name="Action">The action as written (<c>FailJob</c>, <c>FailIndex</c>, <c>Ignore</c>, <c>Count</c>);
/// a rule with any other value is skipped, as Kubernetes does.</param>
/// <param name="OnExitCodes">The exit-code requirement, or null.</param>
/// <param name="OnPodConditions">The pod-condition patterns, or null.</param>
/// <param name="Name">The rule's name (KEP-4443, alpha in 1.38), or null.</param>
public sealed record PodFailurePolicyRule(
    string Action,
    PodFailurePolicyOnExitCodes? OnExitCodes = null,
    IReadOnlyList<PodConditionPattern>? OnPodConditions = null,
    string? Name = null);
