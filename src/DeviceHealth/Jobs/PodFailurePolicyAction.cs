namespace DeviceHealth.Jobs;

/// <summary>The actions of a Job <c>podFailurePolicy</c> rule.</summary>
public enum PodFailurePolicyAction
{
    /// <summary>Fail the Job and terminate its pods.</summary>
    FailJob,

    /// <summary>Fail the pod's index (needs <c>backoffLimitPerIndex</c>).</summary>
    FailIndex,

    /// <summary>Do not count the failure; a replacement pod is created.</summary>
    Ignore,

    /// <summary>Count the failure toward <c>backoffLimit</c> (the default handling).</summary>
    Count,
}
