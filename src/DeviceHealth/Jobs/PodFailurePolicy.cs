namespace DeviceHealth.Jobs;

/// <summary>A Job's <c>spec.podFailurePolicy</c>.</summary>
/// <param name="Rules">The rules, evaluated in order (at most 20 in the API).</param>
public sealed record PodFailurePolicy(IReadOnlyList<PodFailurePolicyRule> Rules);
