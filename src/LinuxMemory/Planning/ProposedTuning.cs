using LinuxMemory.Analysis;

namespace LinuxMemory.Planning;

/// <summary>A recommended combination of sysctls and eviction threshold, with its computed effect.</summary>
/// <param name="MinFreeKbytes">Proposed <c>vm.min_free_kbytes</c>.</param>
/// <param name="WatermarkScaleFactor">Proposed <c>vm.watermark_scale_factor</c>.</param>
/// <param name="EvictionHard">Proposed <c>evictionHard[memory.available]</c>.</param>
/// <param name="Totals">The summed watermarks (pages) these sysctls give.</param>
/// <param name="MemAvailableChangePages">The computed change of MemAvailable in pages (negative: less available).</param>
public readonly record struct ProposedTuning(
    long MinFreeKbytes,
    long WatermarkScaleFactor,
    EvictionThreshold EvictionHard,
    WatermarkTotals Totals,
    long MemAvailableChangePages);
