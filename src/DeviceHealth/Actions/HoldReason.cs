namespace DeviceHealth.Actions;

/// <summary>Why a machine decided not to act.</summary>
public enum HoldReason
{
    /// <summary>A bare pod: deleting it would lose the work.</summary>
    NoController,

    /// <summary>A Job pod: left to the Job's podFailurePolicy.</summary>
    JobManaged,

    /// <summary>A gang pod: handed to the gang planner.</summary>
    GangManaged,

    /// <summary>The disruption budget (minHealthy / maxUnhealthy) is exhausted.</summary>
    BudgetExhausted,

    /// <summary>A DRA toleration covers the device taint.</summary>
    Tolerated,

    /// <summary>A pause was requested.</summary>
    Paused,

    /// <summary>The cluster is upgrading.</summary>
    Upgrading,

    /// <summary>The storm circuit breaker is open or cooling down.</summary>
    StormCooldown,

    /// <summary>An administrator cordoned the node; DeviceHealth does not touch it.</summary>
    AdminCordon,

    /// <summary>The snapshot was inconsistent (allocatable + unhealthy differs from capacity).</summary>
    InconsistentSnapshot,

    /// <summary>Repeated failures: held for a human (quarantine).</summary>
    RepeatedFailure,

    /// <summary>The escalation ladder ran out of steps.</summary>
    EscalationExhausted,

    /// <summary>The restart budget is spent.</summary>
    RestartBudgetExhausted,
}
