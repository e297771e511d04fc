namespace DeviceHealth.Degradation;

/// <summary>The phases of one rank in the degradation detector.</summary>
public enum RankPhase : byte
{
    /// <summary>Fewer than the minimum samples.</summary>
    WarmingUp,

    /// <summary>In line with its peers.</summary>
    Normal,

    /// <summary>Slow in k of the last n windows.</summary>
    Suspect,

    /// <summary>Suspect for the dwell time and confirmed by a second signal or a mean shift.</summary>
    Confirmed,

    /// <summary>A mitigation is running (set by the caller).</summary>
    Mitigating,

    /// <summary>After a mitigation: no alarms until the cooldown ends.</summary>
    Cooldown,
}
