using System.Runtime.InteropServices;

namespace DeviceHealth.Gangs;

/// <summary>The state of a gang.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Generation">The generation whose pods run (or ran last).</param>
/// <param name="PendingGeneration">During RecreatingAll, the generation to create once the old one is gone; else 0.</param>
/// <param name="LiveGenerations">Generations with live pods (never more than 1).</param>
/// <param name="InPlaceAttempts">In-place restarts so far.</param>
/// <param name="Restarts">Counted restarts so far (JobSet <c>restarts</c>).</param>
/// <param name="Ranks">The ranks concerned by the current phase (slow, failed, replaced).</param>
/// <param name="Since">When the phase was entered.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct GangState(
    GangPhase Phase,
    int Generation,
    int PendingGeneration,
    int LiveGenerations,
    int InPlaceAttempts,
    int Restarts,
    IReadOnlyList<int> Ranks,
    DateTimeOffset Since)
{
    /// <summary>A running first generation.</summary>
    public static GangState Initial => new(GangPhase.Running, 1, 0, 1, 0, 0, [], DateTimeOffset.MinValue);
}
