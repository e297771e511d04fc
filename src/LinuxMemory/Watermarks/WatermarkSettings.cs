namespace LinuxMemory.Watermarks;

/// <summary>The sysctls and kernel facts the watermark rules depend on.</summary>
/// <param name="MinFreeKbytes"><c>vm.min_free_kbytes</c>.</param>
/// <param name="WatermarkScaleFactor"><c>vm.watermark_scale_factor</c> (ignored by <see cref="WatermarkFormula.Legacy"/>).</param>
/// <param name="Formula">The low/high rule of the kernel.</param>
/// <param name="MovableUsesHighMemRule">
/// Whether the Movable zone is left out of lowmem and gets the HighMem clamp (kernels since about 6.0 print
/// min = 32 for an empty Movable zone; older ones print 0).
/// </param>
/// <param name="PageSizeBytes">The page size (4096 on x86_64).</param>
public readonly record struct WatermarkSettings(
    long MinFreeKbytes,
    long WatermarkScaleFactor,
    WatermarkFormula Formula,
    bool MovableUsesHighMemRule,
    int PageSizeBytes)
{
    /// <summary>The defaults of a current x86_64 kernel for the given sysctls.</summary>
    /// <param name="minFreeKbytes"><c>vm.min_free_kbytes</c>.</param>
    /// <param name="watermarkScaleFactor"><c>vm.watermark_scale_factor</c>.</param>
    /// <returns>Settings with the 4.6+ formula, the 6.x Movable rule and 4 KiB pages.</returns>
    public static WatermarkSettings Modern(long minFreeKbytes, long watermarkScaleFactor) =>
        new(minFreeKbytes, watermarkScaleFactor, WatermarkFormula.ScaleFactor, true, 4096);
}
