using System.Runtime.InteropServices;

namespace DeviceHealth.Pods;

/// <summary>The pod watcher's state for one pod (by namespace and name).</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Uid">The UID last seen.</param>
/// <param name="HoldReason">Why the pod is Held, or null.</param>
/// <param name="Since">When the phase was entered.</param>
/// <param name="AtRiskSince">When a bound device was first seen unhealthy in this episode (MinValue when none).</param>
/// <param name="LastResourceVersion">The last applied resourceVersion (0 when unknown).</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct PodWatchState(
    PodWatchPhase Phase,
    string Uid,
    Actions.HoldReason? HoldReason,
    DateTimeOffset Since,
    DateTimeOffset AtRiskSince,
    ulong LastResourceVersion)
{
    /// <summary>The initial state.</summary>
    public static PodWatchState Initial => new(PodWatchPhase.Running, "", null, DateTimeOffset.MinValue, DateTimeOffset.MinValue, 0);
}
