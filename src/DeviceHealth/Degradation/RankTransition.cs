namespace DeviceHealth.Degradation;

/// <summary>A change of a rank's phase.</summary>
/// <param name="Rank">The rank.</param>
/// <param name="From">The phase before.</param>
/// <param name="To">The phase after.</param>
/// <param name="Step">The step at which it happened.</param>
/// <param name="Ratio">The rank's smoothed ratio to its peer median at that step.</param>
public readonly record struct RankTransition(int Rank, RankPhase From, RankPhase To, long Step, double Ratio);
