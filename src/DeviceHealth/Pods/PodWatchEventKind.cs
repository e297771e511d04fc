namespace DeviceHealth.Pods;

/// <summary>The kinds of pod watcher event.</summary>
public enum PodWatchEventKind : byte
{
    /// <summary>A pod snapshot (added or modified), with its devices' verdict.</summary>
    Observed,

    /// <summary>The pod was deleted.</summary>
    Deleted,
}
