namespace DeviceHealth.Jobs;

/// <summary>JobSet <c>restartStrategy</c>.</summary>
public enum JobSetRestartStrategy
{
    /// <summary>Each Job is recreated as soon as its old pods are gone (the default).</summary>
    Recreate,

    /// <summary>All old Jobs and pods must be gone before any new Job is created.</summary>
    BlockingRecreate,

    /// <summary>Healthy pods restart in place; failed pods are recreated.</summary>
    InPlaceRestart,
}
