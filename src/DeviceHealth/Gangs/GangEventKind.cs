namespace DeviceHealth.Gangs;

/// <summary>The kinds of gang event.</summary>
public enum GangEventKind : byte
{
    /// <summary>Ranks failed, with a cause.</summary>
    RanksFailed,

    /// <summary>The degradation detector confirmed slow ranks.</summary>
    RanksSlow,

    /// <summary>The slow ranks are back to normal.</summary>
    RanksRecovered,

    /// <summary>The restart (of any mode) finished: every rank runs again.</summary>
    RestartCompleted,

    /// <summary>Every pod of the old generation is gone (BlockingRecreate may now create the new one).</summary>
    OldGenerationGone,

    /// <summary>The gang completed successfully.</summary>
    Completed,
}
