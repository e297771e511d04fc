namespace DeviceHealth.Jobs;

/// <summary>A JobSet <c>spec.failurePolicy</c>.</summary>
/// <param name="MaxRestarts">Counted restarts allowed.</param>
/// <param name="RestartStrategy">How restarts recreate Jobs.</param>
/// <param name="Rules">The rules; the first match wins; no match means <see cref="JobSetFailureAction.RestartJobSet"/>.</param>
public sealed record JobSetFailurePolicy(int MaxRestarts, JobSetRestartStrategy RestartStrategy, IReadOnlyList<JobSetFailurePolicyRule> Rules);
