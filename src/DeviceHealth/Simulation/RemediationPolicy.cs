using DeviceHealth.Devices;

namespace DeviceHealth.Simulation;

/// <summary>
/// How a fleet reacts to failures, for the simulator. All durations are in hours of model time.
/// </summary>
public sealed record RemediationPolicy
{
    /// <summary>The policy's name in reports.</summary>
    public required string Name { get; init; }

    /// <summary>Time from the failure until the job is stopped and the fault noticed.</summary>
    public double DetectionHours { get; init; }

    /// <summary>Time to restart the job from its last checkpoint.</summary>
    public double RestartHours { get; init; }

    /// <summary>Restart time for app-class failures (an in-place restart can be much faster).</summary>
    public double AppRestartHours { get; init; }

    /// <summary>Whether remediation is automated through the device machine (reset, reboot, escalation, quarantine).
    /// When false, every non-app failure waits for <see cref="ManualRepairHours"/>.</summary>
    public bool Automated { get; init; }

    /// <summary>The time a human takes to repair a node (manual policies, and quarantined devices).</summary>
    public double ManualRepairHours { get; init; } = 24;

    /// <summary>Hardware replacement time for faults that need it (vendor support).</summary>
    public double ReplacementHours { get; init; } = 72;

    /// <summary>Duration of a GPU reset.</summary>
    public double ResetHours { get; init; } = 0.25;

    /// <summary>Duration of a node reboot.</summary>
    public double RebootHours { get; init; } = 0.5;

    /// <summary>Duration of a fabric (switch or cable) repair.</summary>
    public double FabricRepairHours { get; init; } = 2;

    /// <summary>Probability that a reset or reboot clears the fault.</summary>
    public double RemediationSuccess { get; init; } = 0.85;

    /// <summary>The manual, device-plugin-only baseline: a hang is noticed by the NCCL watchdog, a human repairs.</summary>
    public static RemediationPolicy Manual => new()
    {
        Name = "manual",
        DetectionHours = 0.5,
        RestartHours = 1.0 / 3,
        AppRestartHours = 1.0 / 3,
        Automated = false,
    };

    /// <summary>DeviceHealth: XID-driven detection, automated reset and reboot with escalation and quarantine.</summary>
    public static RemediationPolicy DeviceHealth => new()
    {
        Name = "devicehealth",
        DetectionHours = 2.0 / 60,
        RestartHours = 10.0 / 60,
        AppRestartHours = 10.0 / 60,
        Automated = true,
    };

    /// <summary>DeviceHealth plus in-place restarts for app-class failures.</summary>
    public static RemediationPolicy DeviceHealthInPlace => DeviceHealth with { Name = "devicehealth+inplace", AppRestartHours = 2.0 / 60 };

    internal double RepairHours(FaultClass cls) => cls switch
    {
        FaultClass.App or FaultClass.Info or FaultClass.None => 0,
        FaultClass.HeldForHuman => ReplacementHours,
        _ => ManualRepairHours,
    };
}
