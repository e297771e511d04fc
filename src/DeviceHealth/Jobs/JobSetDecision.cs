namespace DeviceHealth.Jobs;

/// <summary>What a JobSet does about one failed child Job.</summary>
/// <param name="Action">The effective action (a counted restart over budget becomes <see cref="JobSetFailureAction.FailJobSet"/>).</param>
/// <param name="RuleName">The matched rule, or null for the default.</param>
/// <param name="Counted">Whether the restart counts toward <c>maxRestarts</c>.</param>
/// <param name="RestartsAfter">The counted restarts after this decision.</param>
public readonly record struct JobSetDecision(JobSetFailureAction Action, string? RuleName, bool Counted, int RestartsAfter);
