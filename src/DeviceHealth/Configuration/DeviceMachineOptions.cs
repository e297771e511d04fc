using System.ComponentModel.DataAnnotations;

namespace DeviceHealth.Configuration;

/// <summary>Thresholds and timers of the device machine.</summary>
public sealed class DeviceMachineOptions
{
    /// <summary>App-class repetitions on one device within <see cref="RepeatWindow"/> that make it Unhealthy.</summary>
    /// <value>Default 5 (NVSentinel's health-events-analyzer rule).</value>
    [Range(2, 1000)]
    public int RepeatThreshold { get; set; } = 5;

    /// <summary>The window in which app-class repetitions are counted.</summary>
    /// <value>Default 24 hours.</value>
    [TimeSpanRange("00:00:01", "30.00:00:00")]
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a device stays Unhealthy before draining starts (lets pod watchers act first).</summary>
    /// <value>Default 1 minute.</value>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan MinUnhealthy { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait for pods to leave before remediation starts anyway.</summary>
    /// <value>Default 10 minutes.</value>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The deadline of one remediation attempt (a timeout counts as a failure).</summary>
    /// <value>Default 15 minutes; at least 60 seconds, as for NodeHealthCheck escalation steps.</value>
    [TimeSpanRange("00:01:00", "1.00:00:00")]
    public TimeSpan RemediationTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Probation after a successful remediation (NodeHealthCheck's healthyDelay).</summary>
    /// <value>Default 10 minutes.</value>
    [TimeSpanRange("00:00:00", "7.00:00:00")]
    public TimeSpan HealthyDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Remediation attempts per episode before quarantine.</summary>
    /// <value>Default 2 (gpud's reboot threshold).</value>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 2;

    /// <summary>The window within which failures after probation still belong to the same episode.</summary>
    /// <value>Default 7 days (NVSentinel: 5 remediations in 7 days go to support).</value>
    [TimeSpanRange("00:01:00", "90.00:00:00")]
    public TimeSpan EpisodeWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How far back XID 45 looks for the XID whose class it inherits.</summary>
    /// <value>Default 5 minutes.</value>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan PrecedingXidWindow { get; set; } = TimeSpan.FromMinutes(5);
}
