namespace LinuxMemory.Watermarks;

/// <summary>A zone's watermarks in pages, as the kernel would print them (boost included).</summary>
/// <param name="Min">Below this, allocations enter direct reclaim.</param>
/// <param name="Low">Below this, kswapd is woken.</param>
/// <param name="High">kswapd reclaims until free pages reach this.</param>
/// <param name="Promo">The NUMA-tiering promotion mark (equal to <paramref name="High"/> under the legacy formula).</param>
public readonly record struct ZoneWatermarks(long Min, long Low, long High, long Promo);
