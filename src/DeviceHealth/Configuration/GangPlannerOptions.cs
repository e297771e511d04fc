using System.ComponentModel.DataAnnotations;

namespace DeviceHealth.Configuration;

/// <summary>Budgets of the gang restart planner.</summary>
public sealed class GangPlannerOptions
{
    /// <summary>In-place restarts before the planner replaces or recreates.</summary>
    /// <value>Default 3 (NVRx in-job restarts).</value>
    [Range(0, 1000)]
    public int MaxInPlaceRestarts { get; set; } = 3;

    /// <summary>Counted restarts (JobSet <c>maxRestarts</c>) before the gang fails.</summary>
    /// <value>Default 5.</value>
    [Range(0, 10_000)]
    public int MaxRestarts { get; set; } = 5;

    /// <summary>Whether the workload can replace single ranks (elastic, or JobSet RestartJob).</summary>
    /// <value>Default true.</value>
    public bool CanReplaceRanks { get; set; } = true;

    /// <summary>JobSet <c>BlockingRecreate</c>: the new generation is created only once the old one is gone. When false
    /// (JobSet <c>Recreate</c>), it is created at once and two generations may be live until the old one is gone.</summary>
    /// <value>Default true.</value>
    public bool BlockingRecreate { get; set; } = true;
}
