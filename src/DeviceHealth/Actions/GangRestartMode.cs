namespace DeviceHealth.Actions;

/// <summary>How a gang is restarted.</summary>
public enum GangRestartMode
{
    /// <summary>Restart every container in place; pods and their devices are kept.</summary>
    InPlace,

    /// <summary>Recreate only the failed ranks' pods.</summary>
    ReplaceRanks,

    /// <summary>Recreate every pod once all old pods are gone (JobSet BlockingRecreate).</summary>
    RecreateAll,
}
