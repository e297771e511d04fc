using Microsoft.Extensions.Options;

namespace DeviceHealth.Configuration;

/// <summary>All DeviceHealth settings; bind from configuration section <see cref="SectionName"/>.</summary>
public sealed class DeviceHealthOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "DeviceHealth";

    /// <summary>The device machine.</summary>
    [ValidateObjectMembers]
    public DeviceMachineOptions Device { get; set; } = new();

    /// <summary>The node device pool machine.</summary>
    [ValidateObjectMembers]
    public NodePoolOptions Node { get; set; } = new();

    /// <summary>The pod watcher.</summary>
    [ValidateObjectMembers]
    public PodWatcherOptions Pod { get; set; } = new();

    /// <summary>The degradation detector.</summary>
    [ValidateObjectMembers]
    public DegradationOptions Degradation { get; set; } = new();

    /// <summary>The gang planner.</summary>
    [ValidateObjectMembers]
    public GangPlannerOptions Gang { get; set; } = new();

    /// <summary>Comma list of XIDs to ignore, or <c>all</c> / <c>xids</c> (the device plugin's <c>DP_DISABLE_HEALTHCHECKS</c>).</summary>
    /// <value>Default empty.</value>
    public string DisabledXids { get; set; } = "";

    /// <summary>Comma list of XIDs to force on; overrides all disables (<c>DP_ENABLE_HEALTHCHECKS</c>).</summary>
    /// <value>Default empty.</value>
    public string EnabledXids { get; set; } = "";
}
