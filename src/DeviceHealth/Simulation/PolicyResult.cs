using DeviceHealth.Actions;

namespace DeviceHealth.Simulation;

/// <summary>How one policy fared over the trace.</summary>
/// <param name="Policy">The policy name.</param>
/// <param name="Goodput">Useful job time over wall time, 0 to 1.</param>
/// <param name="LostGpuHours">GPU-hours of the job lost to interruptions (downtime and recomputed work).</param>
/// <param name="Interruptions">Failures that stopped the job.</param>
/// <param name="Remediations">Remediation actions by kind.</param>
/// <param name="Quarantined">Devices held for a human.</param>
/// <param name="MeanTimeToResumeHours">Mean time from an interruption to the job running again.</param>
public sealed record PolicyResult(
    string Policy,
    double Goodput,
    double LostGpuHours,
    int Interruptions,
    IReadOnlyDictionary<RemediationKind, int> Remediations,
    int Quarantined,
    double MeanTimeToResumeHours)
{
    /// <summary>All remediation actions.</summary>
    public int TotalRemediations => Remediations.Values.Sum();
}
