namespace DeviceHealth.Inputs;

/// <summary>A container status as observed.</summary>
public sealed class ContainerStatusSnapshot
{
    /// <summary>The container name.</summary>
    public required string Name { get; init; }

    /// <summary>True for an init container (podFailurePolicy's containerName filter matches both kinds).</summary>
    public bool IsInitContainer { get; init; }

    /// <summary><c>restartCount</c>.</summary>
    public int RestartCount { get; init; }

    /// <summary><c>state.waiting.reason</c>, for example <c>CrashLoopBackOff</c> (empty otherwise).</summary>
    public string WaitingReason { get; init; } = "";

    /// <summary><c>state.terminated.exitCode</c>, or null when the container is not terminated.</summary>
    public int? ExitCode { get; init; }

    /// <summary><c>lastState.terminated.exitCode</c>, or null.</summary>
    public int? LastExitCode { get; init; }

    /// <summary>The container's KEP-4680 <c>allocatedResourcesStatus</c>.</summary>
    public IReadOnlyList<ResourceStatus> AllocatedResourcesStatus { get; init; } = [];
}
