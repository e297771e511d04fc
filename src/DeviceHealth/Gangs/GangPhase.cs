namespace DeviceHealth.Gangs;

/// <summary>The phases of a gang (training job).</summary>
public enum GangPhase : byte
{
    /// <summary>All ranks running.</summary>
    Running,

    /// <summary>Some ranks are slow (from the degradation detector).</summary>
    Degraded,

    /// <summary>Ranks failed; a decision is being made (transient).</summary>
    Faulted,

    /// <summary>Every container restarts in place; pods and devices are kept.</summary>
    RestartingInPlace,

    /// <summary>The failed ranks' pods are being recreated.</summary>
    Replacing,

    /// <summary>Everything is recreated; the new generation starts only when the old one is gone.</summary>
    RecreatingAll,

    /// <summary>The restart budget is spent; terminal.</summary>
    Failed,

    /// <summary>The gang finished; terminal.</summary>
    Succeeded,
}
