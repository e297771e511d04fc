namespace LinuxMemory.Analysis;

/// <summary>Watermarks summed over zones, in pages.</summary>
/// <param name="Min">Sum of min: below this much free memory, allocations reclaim directly.</param>
/// <param name="Low">Sum of low: below this, kswapd starts.</param>
/// <param name="High">Sum of high: kswapd stops here.</param>
/// <param name="Promo">Sum of promo.</param>
public readonly record struct WatermarkTotals(long Min, long Low, long High, long Promo)
{
    /// <summary>Gets the kswapd window (high − min): the free-memory range in which background reclaim and swap-out work
    /// before allocations stall.</summary>
    public long KswapdWindow => High - Min;

    /// <summary>Gets the gap between kswapd waking (low) and direct reclaim (min).</summary>
    public long ReclaimHeadroom => Low - Min;
}
