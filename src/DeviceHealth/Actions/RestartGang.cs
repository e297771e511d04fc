namespace DeviceHealth.Actions;

/// <summary>Restart a gang (a training job's set of pods) in one of the planner's modes.</summary>
/// <param name="GangName">The gang (for example a JobSet name).</param>
/// <param name="Mode">In place, replace the failed ranks, or recreate everything.</param>
/// <param name="Generation">The generation the restart creates.</param>
/// <param name="Ranks">The ranks affected (all ranks for in-place and recreate).</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record RestartGang(
    string GangName,
    GangRestartMode Mode,
    int Generation,
    IReadOnlyList<int> Ranks,
    string IdempotencyKey) : ActionIntent(IdempotencyKey);
