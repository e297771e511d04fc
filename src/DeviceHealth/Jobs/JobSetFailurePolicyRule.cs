namespace DeviceHealth.Jobs;

/// <summary>A JobSet failure policy rule.</summary>
/// <param name="Name">The rule name.</param>
/// <param name="Action">The action.</param>
/// <param name="OnJobFailureReasons">Job failure reasons that match (empty: any).</param>
/// <param name="OnJobFailureMessagePatterns">Regular expressions on the Job failure message (empty: any).</param>
public sealed record JobSetFailurePolicyRule(
    string Name,
    JobSetFailureAction Action,
    IReadOnlyList<string> OnJobFailureReasons,
    IReadOnlyList<string> OnJobFailureMessagePatterns);
