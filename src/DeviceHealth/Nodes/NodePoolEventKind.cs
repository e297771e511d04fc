namespace DeviceHealth.Nodes;

/// <summary>The kinds of event the node device-pool machine accepts.</summary>
public enum NodePoolEventKind : byte
{
    /// <summary>A node snapshot (capacity, allocatable, cordon).</summary>
    Snapshot,

    /// <summary>Time passed; deadlines are checked.</summary>
    Tick,

    /// <summary>The running remediation reported <c>Succeeded=False</c>: go to the next step at once.</summary>
    RemediationFailed,

    /// <summary>A human cleared a held node (like <c>remediation.medik8s.io/manually-confirmed-healthy</c>).</summary>
    ManualConfirmHealthy,

    /// <summary>
    /// The node left the cluster: the machine returns <see cref="NodePoolState.Initial"/> without intents, and
    /// <see cref="NodePoolController"/> forgets the node, freeing its budget slot and shrinking the fleet size that
    /// percentage budgets are computed from.
    /// </summary>
    Deleted,
}
