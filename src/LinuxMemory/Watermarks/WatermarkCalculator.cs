using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Watermarks;

/// <summary>
/// Reproduces the kernel's per-zone watermarks (<c>__setup_per_zone_wmarks</c>) exactly, in integer arithmetic:
/// <c>pages_min = min_free_kbytes &gt;&gt; (PAGE_SHIFT-10)</c> is split over all zones of all nodes in proportion to
/// their managed pages (HighMem, and Movable on newer kernels, are left out of the divisor and get a min clamped to
/// 32..128 pages), then low/high/promo follow from the formula of the kernel era.
/// </summary>
public static class WatermarkCalculator
{
    /// <summary>SWAP_CLUSTER_MAX, the smallest HighMem min.</summary>
    public const long HighMemMinFloor = 32;

    /// <summary>The largest HighMem min.</summary>
    public const long HighMemMinCeiling = 128;

    /// <summary>The largest <c>watermark_scale_factor</c> accepted: 10000 spaces the watermarks by the whole zone
    /// (kernels accept at most 3000).</summary>
    public const long MaxWatermarkScaleFactor = 10000;

    /// <summary>The largest zone size accepted, in pages (2^48; no machine comes near it).</summary>
    public const long MaxZonePages = 1L << 48;

    /// <summary>Computes the watermarks of every zone.</summary>
    /// <param name="zones">All zones of all nodes, including empty ones.</param>
    /// <param name="settings">The sysctls and kernel rules.</param>
    /// <returns>One entry per zone, in the same order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting or size is negative, the scale factor is above
    /// <see cref="MaxWatermarkScaleFactor"/>, a zone is above <see cref="MaxZonePages"/>, or the page size is not a power
    /// of two of at least 1 KiB.</exception>
    public static ZoneWatermarks[] Compute(ReadOnlySpan<ZoneSize> zones, WatermarkSettings settings)
    {
        var result = new ZoneWatermarks[zones.Length];
        Compute(zones, settings, result);
        return result;
    }

    /// <summary>Computes the watermarks of every zone into a caller's buffer.</summary>
    /// <param name="zones">All zones of all nodes, including empty ones.</param>
    /// <param name="settings">The sysctls and kernel rules.</param>
    /// <param name="destination">Receives one entry per zone.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting or size is negative, the scale factor is above
    /// <see cref="MaxWatermarkScaleFactor"/>, a zone is above <see cref="MaxZonePages"/>, the page size is not a power
    /// of two of at least 1 KiB, or <paramref name="destination"/> is too short.</exception>
    public static void Compute(ReadOnlySpan<ZoneSize> zones, WatermarkSettings settings, Span<ZoneWatermarks> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(settings.MinFreeKbytes);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.WatermarkScaleFactor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.WatermarkScaleFactor, MaxWatermarkScaleFactor);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, zones.Length);
        foreach (ZoneSize zone in zones)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(zone.ManagedPages, MaxZonePages);
        }

        long pagesMin = PagesMin(settings.MinFreeKbytes, settings.PageSizeBytes);
        long lowmem = LowmemPages(zones, settings.MovableUsesHighMemRule);

        for (int i = 0; i < zones.Length; i++)
        {
            ZoneSize zone = zones[i];
            ArgumentOutOfRangeException.ThrowIfNegative(zone.ManagedPages);
            ArgumentOutOfRangeException.ThrowIfNegative(zone.BoostPages);

            long share = lowmem == 0 ? 0 : (long)((UInt128)(ulong)pagesMin * (ulong)zone.ManagedPages / (ulong)lowmem);
            long min = IsHighMemLike(zone.Type, settings.MovableUsesHighMemRule)
                ? Math.Clamp(zone.ManagedPages / 1024, HighMemMinFloor, HighMemMinCeiling)
                : share;

            long low;
            long high;
            long promo;
            if (settings.Formula == WatermarkFormula.Legacy)
            {
                low = min + (share >> 2);
                high = min + (share >> 1);
                promo = high;
            }
            else
            {
                long delta = Math.Max(share >> 2, MultFrac(zone.ManagedPages, settings.WatermarkScaleFactor, 10000));
                low = min + delta;
                high = low + delta;
                promo = high + delta;
            }

            long boost = zone.BoostPages;
            destination[i] = new ZoneWatermarks(min + boost, low + boost, high + boost, promo + boost);
        }
    }

    /// <summary>Converts <c>min_free_kbytes</c> to pages the way the kernel does (a right shift, rounding down).</summary>
    /// <param name="minFreeKbytes">The sysctl value in kB.</param>
    /// <param name="pageSizeBytes">The page size, a power of two of at least 1024.</param>
    /// <returns>The number of pages.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The page size is not a power of two of at least 1024.</exception>
    public static long PagesMin(long minFreeKbytes, int pageSizeBytes)
    {
        if (pageSizeBytes < 1024 || !int.IsPow2(pageSizeBytes))
        {
            throw new ArgumentOutOfRangeException(nameof(pageSizeBytes), pageSizeBytes, "The page size must be a power of two of at least 1024 bytes.");
        }

        return minFreeKbytes >> (System.Numerics.BitOperations.Log2((uint)pageSizeBytes) - 10);
    }

    /// <summary>Sums the managed pages the kernel divides by: every zone except HighMem (and Movable when that rule applies).</summary>
    /// <param name="zones">All zones of all nodes.</param>
    /// <param name="movableUsesHighMemRule">Whether Movable zones are left out.</param>
    /// <returns>The total in pages.</returns>
    public static long LowmemPages(ReadOnlySpan<ZoneSize> zones, bool movableUsesHighMemRule)
    {
        long lowmem = 0;
        foreach (ZoneSize zone in zones)
        {
            if (!IsHighMemLike(zone.Type, movableUsesHighMemRule))
            {
                lowmem = checked(lowmem + zone.ManagedPages);
            }
        }

        return lowmem;
    }

    /// <summary>The kernel's <c>mult_frac(x, n, d)</c>: <c>floor(x*n/d)</c> without overflow for non-negative values.</summary>
    /// <param name="x">The value.</param>
    /// <param name="numerator">The multiplier.</param>
    /// <param name="denominator">The divisor (positive).</param>
    /// <returns>The result.</returns>
    public static long MultFrac(long x, long numerator, long denominator)
    {
        long quotient = x / denominator;
        long remainder = x % denominator;
        return checked((quotient * numerator) + (remainder * numerator / denominator));
    }

    internal static bool IsHighMemLike(ZoneType type, bool movableUsesHighMemRule) =>
        type == ZoneType.HighMem || (movableUsesHighMemRule && type == ZoneType.Movable);
}
