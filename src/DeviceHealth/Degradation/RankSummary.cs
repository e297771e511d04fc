namespace DeviceHealth.Degradation;

/// <summary>One rank's summary in a <see cref="DetectorReport"/>.</summary>
/// <param name="Rank">The rank.</param>
/// <param name="RoleKey">The rank's role key.</param>
/// <param name="MaxRatio">The largest smoothed ratio to the peer median.</param>
/// <param name="MedianSeconds">The median of the rank's own samples.</param>
/// <param name="FinalPhase">The phase after the last step.</param>
public sealed record RankSummary(int Rank, string RoleKey, double MaxRatio, double MedianSeconds, RankPhase FinalPhase);
