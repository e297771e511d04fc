using LinuxMemory.Analysis;

namespace LinuxMemory.Planning;

/// <summary>
/// The memory pressure zones of a node: the summed watermarks in bytes, where kubelet's eviction thresholds fall,
/// how long the kswapd window lasts, and recommended settings with their cost in MemAvailable.
/// </summary>
public sealed class PressurePlan
{
    internal PressurePlan(
        int pageSizeBytes,
        long memTotalBytes,
        WatermarkTotals totals,
        IReadOnlyList<ThresholdPlacement> thresholds,
        long? memoryAvailableBytes,
        long? memAvailableBytes,
        double windowSeconds,
        IReadOnlyList<Recommendation> recommendations,
        IReadOnlyList<string> findings,
        ProposedTuning? proposal,
        long? swapTotalBytes,
        long? exampleSwapLimitBytes,
        long exampleRequestBytes,
        long? whatIfMemAvailableChangePages)
    {
        WhatIfMemAvailableChangePages = whatIfMemAvailableChangePages;
        PageSizeBytes = pageSizeBytes;
        MemTotalBytes = memTotalBytes;
        Totals = totals;
        Thresholds = thresholds;
        MemoryAvailableBytes = memoryAvailableBytes;
        MemAvailableBytes = memAvailableBytes;
        WindowSeconds = windowSeconds;
        Recommendations = recommendations;
        Findings = findings;
        Proposal = proposal;
        SwapTotalBytes = swapTotalBytes;
        ExampleSwapLimitBytes = exampleSwapLimitBytes;
        ExampleRequestBytes = exampleRequestBytes;
    }

    /// <summary>Gets the page size used to convert pages to bytes.</summary>
    public int PageSizeBytes { get; }

    /// <summary>Gets MemTotal in bytes (kubelet's capacity), or the summed managed pages when meminfo is missing.</summary>
    public long MemTotalBytes { get; }

    /// <summary>Gets the summed watermarks (pages) the plan is made against.</summary>
    public WatermarkTotals Totals { get; }

    /// <summary>Gets the placement of each configured eviction threshold.</summary>
    public IReadOnlyList<ThresholdPlacement> Thresholds { get; }

    /// <summary>Gets kubelet's <c>memory.available</c> signal estimated from meminfo, in bytes.</summary>
    public long? MemoryAvailableBytes { get; }

    /// <summary>Gets MemAvailable from meminfo, in bytes.</summary>
    public long? MemAvailableBytes { get; }

    /// <summary>Gets how many seconds the min..low headroom lasts at the configured allocation rate.</summary>
    public double WindowSeconds { get; }

    /// <summary>Gets the recommended changes.</summary>
    public IReadOnlyList<Recommendation> Recommendations { get; }

    /// <summary>Gets the problems found, one line each.</summary>
    public IReadOnlyList<string> Findings { get; }

    /// <summary>Gets the recommended tuning worked out with the watermark rules, or <see langword="null"/> when none is needed.</summary>
    public ProposedTuning? Proposal { get; }

    /// <summary>Gets SwapTotal in bytes.</summary>
    public long? SwapTotalBytes { get; }

    /// <summary>Gets the LimitedSwap limit of a Burstable container requesting <see cref="ExampleRequestBytes"/>.</summary>
    public long? ExampleSwapLimitBytes { get; }

    /// <summary>Gets the request used for <see cref="ExampleSwapLimitBytes"/>.</summary>
    public long ExampleRequestBytes { get; }

    /// <summary>
    /// Gets, for a what-if plan, the computed change of MemAvailable in pages if the proposed sysctls were written now
    /// (negative: less available); <see langword="null"/> for a plan of the current settings.
    /// </summary>
    public long? WhatIfMemAvailableChangePages { get; }

    /// <summary>Converts pages to bytes with this plan's page size.</summary>
    /// <param name="pages">A page count.</param>
    /// <returns>Bytes.</returns>
    public long ToBytes(long pages) => pages * PageSizeBytes;
}
