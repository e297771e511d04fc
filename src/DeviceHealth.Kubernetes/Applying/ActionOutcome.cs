namespace DeviceHealth.Kubernetes.Applying;

/// <summary>What happened when an action intent was applied.</summary>
public enum ActionOutcome
{
    /// <summary>The change was written to the API server.</summary>
    Applied,

    /// <summary>Nothing was written: the cluster already shows the change, or the node's ledger records the key.</summary>
    AlreadyApplied,

    /// <summary>
    /// Nothing was written and nothing should be retried: the target is gone or was replaced (another UID), the
    /// cordon or taint belongs to someone else, the intent is a hold, the intent kind is not applied by this package,
    /// or dry run is on.
    /// </summary>
    Skipped,

    /// <summary>The API server refused for now (a PodDisruptionBudget, 429); the action may be retried later.</summary>
    Deferred,

    /// <summary>The request failed (an error status, a timeout, lost optimistic-concurrency races, a bad intent).</summary>
    Failed,
}
