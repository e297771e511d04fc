namespace DeviceHealth.Pods;

/// <summary>The phases of the pod watcher.</summary>
public enum PodWatchPhase : byte
{
    /// <summary>No bound device is unhealthy or unknown.</summary>
    Running,

    /// <summary>A bound device is Unhealthy or Unknown; not (yet) acted on.</summary>
    AtRisk,

    /// <summary>Delete or eviction requested.</summary>
    Evicting,

    /// <summary>Not acted on, with a reason (<see cref="PodWatchState.HoldReason"/>).</summary>
    Held,

    /// <summary>The owner recreated the pod (a new UID under the same name or owner).</summary>
    Replaced,

    /// <summary>The pod is terminal or deleted.</summary>
    Gone,
}
