namespace LinuxMemory.Watermarks;

/// <summary>The watermark boost rules of kernels 5.0 and later.</summary>
public static class WatermarkBoost
{
    /// <summary>
    /// The largest boost a zone can get: <c>mult_frac(high, watermark_boost_factor, 10000)</c>, or 0 for zones
    /// smaller than four pageblocks or when the factor is 0.
    /// </summary>
    /// <param name="highWatermarkPages">The zone's unboosted high watermark.</param>
    /// <param name="boostFactor"><c>vm.watermark_boost_factor</c>.</param>
    /// <param name="managedPages">The zone's managed pages.</param>
    /// <param name="pageblockPages">Pages per pageblock (512 on x86_64).</param>
    /// <returns>The cap in pages.</returns>
    public static long MaxBoostPages(long highWatermarkPages, long boostFactor, long managedPages, long pageblockPages)
    {
        if (boostFactor <= 0 || managedPages < 4 * pageblockPages)
        {
            return 0;
        }

        return WatermarkCalculator.MultFrac(highWatermarkPages, boostFactor, 10000);
    }

    /// <summary>
    /// Infers the boost of a zone printed without a <c>boost</c> line (kernels 5.0–5.15) from the 4.6+ rule: an
    /// unboosted zone always has <c>low - min &gt;= base/4</c> where <c>base = min - boost</c>.
    /// </summary>
    /// <param name="min">The printed min.</param>
    /// <param name="low">The printed low.</param>
    /// <returns>The smallest boost consistent with the printed values (0 when none is needed).</returns>
    public static long InferBoost(long min, long low)
    {
        long delta = low - min;
        long maxBase = (4 * delta) + 3;
        return min > maxBase ? min - maxBase : 0;
    }
}
