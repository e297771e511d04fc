namespace DeviceHealth.Gangs;

/// <summary>One input of the gang planner.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Ranks">The ranks concerned (may be empty).</param>
/// <param name="Cause">The failure cause (for <see cref="GangEventKind.RanksFailed"/>).</param>
public readonly record struct GangEvent(GangEventKind Kind, IReadOnlyList<int> Ranks, GangFailureCause Cause = GangFailureCause.App);
