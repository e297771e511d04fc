namespace DeviceHealth.Nodes;

/// <summary>The phases of the node device-pool machine.</summary>
public enum NodePoolPhase : byte
{
    /// <summary>Capacity equals allocatable.</summary>
    Nominal,

    /// <summary>A gap exists; the grace timer runs.</summary>
    Degraded,

    /// <summary>Cordon, taint and condition were requested; waiting to see the cordon applied.</summary>
    ActionPending,

    /// <summary>Action was due but not allowed; <see cref="NodePoolState.BlockReason"/> says why.</summary>
    Blocked,

    /// <summary>A remediation step of the escalation ladder is running.</summary>
    Remediating,

    /// <summary>The gap closed; the node must stay healthy for the healthy delay before the cordon is lifted.</summary>
    Probation,

    /// <summary>The last snapshot was inconsistent; nothing is done until a consistent one arrives.</summary>
    Unknown,
}
