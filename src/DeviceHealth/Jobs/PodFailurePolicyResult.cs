namespace DeviceHealth.Jobs;

/// <summary>The outcome of matching a failed pod against a <see cref="PodFailurePolicy"/>.</summary>
/// <param name="Action">The matched rule's action, or null when no rule matched (default handling).</param>
/// <param name="CountFailed">Whether the failure counts toward <c>backoffLimit</c> (false only for Ignore).</param>
/// <param name="JobFailureMessage">For FailJob, the message Kubernetes would put on the Job; otherwise null.</param>
/// <param name="RuleIndex">The 0-based index of the matched rule, or -1.</param>
/// <param name="RuleName">The matched rule's name when it has one.</param>
public readonly record struct PodFailurePolicyResult(
    PodFailurePolicyAction? Action,
    bool CountFailed,
    string? JobFailureMessage,
    int RuleIndex,
    string? RuleName = null);
