namespace DeviceHealth.Degradation;

/// <summary>The result of running the detector over a whole trace.</summary>
/// <param name="FlaggedRanks">Ranks that reached Confirmed, ascending.</param>
/// <param name="Transitions">Every phase change, in order.</param>
/// <param name="Ranks">Per rank: the largest smoothed ratio to its peer median and the final phase.</param>
/// <param name="Steps">Steps evaluated.</param>
/// <param name="SkippedSamples">Samples skipped (special steps, non-positive or non-finite times, no peers).</param>
public sealed record DetectorReport(
    IReadOnlyList<int> FlaggedRanks,
    IReadOnlyList<RankTransition> Transitions,
    IReadOnlyList<RankSummary> Ranks,
    int Steps,
    int SkippedSamples);
