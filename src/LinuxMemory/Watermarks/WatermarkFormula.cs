namespace LinuxMemory.Watermarks;

/// <summary>Which kernel rule turns a zone's share of <c>min_free_kbytes</c> into low and high watermarks.</summary>
public enum WatermarkFormula
{
    /// <summary>
    /// Kernels 4.6 and later: <c>delta = max(share/4, managed*watermark_scale_factor/10000)</c>,
    /// <c>low = min + delta</c>, <c>high = min + 2*delta</c>, <c>promo = min + 3*delta</c>.
    /// </summary>
    ScaleFactor = 0,

    /// <summary>Kernels before 4.6: <c>low = min + share/4</c>, <c>high = min + share/2</c>.</summary>
    Legacy,
}
