namespace DeviceHealth.Gangs;

/// <summary>Why ranks failed.</summary>
public enum GangFailureCause : byte
{
    /// <summary>An application or transient error with healthy devices.</summary>
    App,

    /// <summary>A device fault.</summary>
    Device,

    /// <summary>A node fault.</summary>
    Node,

    /// <summary>A disruption (DisruptionTarget, preemption, drain): does not count toward the budget.</summary>
    Disruption,
}
