using System.ComponentModel.DataAnnotations;

namespace DeviceHealth.Configuration;

/// <summary>Settings of the pod watcher.</summary>
public sealed class PodWatcherOptions
{
    /// <summary>How long a bound device must be Unhealthy before the pod is deleted.</summary>
    /// <value>Default 2 minutes.</value>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan MinUnhealthy { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Restarts at which a container counts as crash-looping even without the waiting reason.</summary>
    /// <value>Default 3.</value>
    [Range(1, 1000)]
    public int CrashLoopRestarts { get; set; } = 3;

    /// <summary>Use the Eviction API (honours PodDisruptionBudgets) instead of a plain delete.</summary>
    /// <value>Default false: delete with a UID precondition.</value>
    public bool UseEviction { get; set; }

    /// <summary>The label that marks a pod as a member of a gang.</summary>
    /// <value>Default <c>jobset.sigs.k8s.io/jobset-name</c>.</value>
    [Required]
    public string GangLabel { get; set; } = "jobset.sigs.k8s.io/jobset-name";
}
