namespace DeviceHealth.Jobs;

/// <summary>The <c>onExitCodes</c> requirement of a rule.</summary>
/// <param name="ContainerName">Only this container (app or init) is checked; null checks all.</param>
/// <param name="Operator"><c>In</c> or <c>NotIn</c>; any other value never matches.</param>
/// <param name="Values">The exit codes.</param>
public sealed record PodFailurePolicyOnExitCodes(string? ContainerName, string Operator, IReadOnlyList<int> Values);
