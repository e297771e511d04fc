namespace DeviceHealth.Inputs;

/// <summary>A pod's <c>status.phase</c>.</summary>
public enum PodPhase
{
    /// <summary>Accepted, not all containers running yet.</summary>
    Pending,

    /// <summary>Bound and at least one container running.</summary>
    Running,

    /// <summary>All containers terminated successfully.</summary>
    Succeeded,

    /// <summary>All containers terminated, at least one in failure.</summary>
    Failed,

    /// <summary>Not known.</summary>
    Unknown,
}
