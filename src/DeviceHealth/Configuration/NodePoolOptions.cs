using System.ComponentModel.DataAnnotations;

namespace DeviceHealth.Configuration;

/// <summary>Settings of the node device-pool machine and its fleet-wide budget.</summary>
public sealed class NodePoolOptions
{
    /// <summary>The extended resource watched, for example <c>nvidia.com/gpu</c>.</summary>
    /// <value>Default <c>nvidia.com/gpu</c>.</value>
    [Required]
    public string ResourceName { get; set; } = "nvidia.com/gpu";

    /// <summary>How long a capacity-versus-allocatable gap must last before anything is done.</summary>
    /// <value>Default 5 minutes (NodeHealthCheck's default condition duration).</value>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The gap (in devices) at which the node acts.</summary>
    /// <value>Default 1.</value>
    [Range(1, 1024)]
    public int GapThreshold { get; set; } = 1;

    /// <summary>The most nodes in action at once, as a percentage of the fleet (maxUnhealthy); rounded down.</summary>
    /// <value>Default 10.</value>
    [Range(0, 100)]
    public int MaxUnhealthyPercent { get; set; } = 10;

    /// <summary>The most nodes in action at once, as a count; the smaller of this and the percentage applies.</summary>
    /// <value>Default 100.</value>
    [Range(0, 100_000)]
    public int MaxUnhealthyCount { get; set; } = 100;

    /// <summary>The storm breaker opens when more than this percentage of nodes was cordoned within <see cref="BreakerWindow"/>.</summary>
    /// <value>Default 50 (NVSentinel fault-quarantine).</value>
    [Range(1, 100)]
    public int BreakerPercent { get; set; } = 50;

    /// <summary>The breaker's sliding window.</summary>
    /// <value>Default 5 minutes.</value>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan BreakerWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long new actions stay blocked after the breaker opened (stormCooldownDuration).</summary>
    /// <value>Default 10 minutes.</value>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan StormCooldown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The escalation ladder: remediation template names, run in order.</summary>
    /// <value>Default <c>reset-gpus</c>, <c>reboot-node</c>.</value>
    public IList<string> Remediations { get; } = ["reset-gpus", "reboot-node"];

    /// <summary>The timeout of each ladder step.</summary>
    /// <value>Default 15 minutes; at least 60 seconds (NodeHealthCheck's minimum).</value>
    [TimeSpanRange("00:01:00", "1.00:00:00")]
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the node must stay healthy before the cordon is lifted (healthyDelay).</summary>
    /// <value>Default 10 minutes.</value>
    [TimeSpanRange("00:00:00", "7.00:00:00")]
    public TimeSpan HealthyDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The node taint key DeviceHealth applies.</summary>
    /// <value>Default <c>devicehealth.kubekit.dev/unhealthy-devices</c>.</value>
    [Required]
    public string TaintKey { get; set; } = "devicehealth.kubekit.dev/unhealthy-devices";

    /// <summary>The node condition type DeviceHealth sets.</summary>
    /// <value>Default <c>AcceleratorsDegraded</c>.</value>
    [Required]
    public string ConditionType { get; set; } = "AcceleratorsDegraded";
}
