namespace LinuxMemory.Monitoring;

/// <summary>Swap and reclaim activity between two /proc/vmstat reads, in pages (or events) per second.</summary>
/// <param name="Interval">The time between the reads.</param>
/// <param name="SwapInPerSecond">pswpin rate.</param>
/// <param name="SwapOutPerSecond">pswpout rate.</param>
/// <param name="KswapdScanPerSecond">Pages scanned by kswapd.</param>
/// <param name="KswapdStealPerSecond">Pages reclaimed by kswapd.</param>
/// <param name="DirectScanPerSecond">Pages scanned in direct reclaim.</param>
/// <param name="DirectStealPerSecond">Pages reclaimed in direct reclaim.</param>
/// <param name="AllocStallsPerSecond">Allocations that stalled in direct reclaim.</param>
/// <param name="RefaultsPerSecond">Working-set refaults.</param>
/// <param name="OomKills">OOM kills during the interval.</param>
/// <param name="IsThrashing">Whether pages are swapped in and out at the same time at a high rate, or refaults
/// come with allocation stalls.</param>
public readonly record struct ReclaimRates(
    TimeSpan Interval,
    double SwapInPerSecond,
    double SwapOutPerSecond,
    double KswapdScanPerSecond,
    double KswapdStealPerSecond,
    double DirectScanPerSecond,
    double DirectStealPerSecond,
    double AllocStallsPerSecond,
    double RefaultsPerSecond,
    long OomKills,
    bool IsThrashing)
{
    /// <summary>Gets kswapd's reclaim efficiency (steal/scan), or 1 when nothing was scanned.</summary>
    public double KswapdEfficiency => KswapdScanPerSecond > 0 ? KswapdStealPerSecond / KswapdScanPerSecond : 1;
}
