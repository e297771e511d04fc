namespace DeviceHealth.Jobs;

/// <summary>JobSet failure policy rule actions.</summary>
public enum JobSetFailureAction
{
    /// <summary>Fail the whole JobSet.</summary>
    FailJobSet,

    /// <summary>Restart the JobSet; counts toward <c>maxRestarts</c>.</summary>
    RestartJobSet,

    /// <summary>Restart the JobSet without counting.</summary>
    RestartJobSetAndIgnoreMaxRestarts,

    /// <summary>Restart only the failed child Job; counts toward <c>maxRestarts</c>.</summary>
    RestartJob,

    /// <summary>Restart only the failed child Job without counting.</summary>
    RestartJobAndIgnoreMaxRestarts,
}
