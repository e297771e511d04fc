using System.Globalization;
using LinuxMemory.Analysis;
using LinuxMemory.MemInfo;
using LinuxMemory.Sysctl;
using LinuxMemory.Watermarks;

namespace LinuxMemory.Planning;

/// <summary>
/// Places kubelet's <c>memory.available</c> eviction thresholds against the kernel's summed zone watermarks and
/// works out settings under which kswapd and swap get to work before eviction, and eviction before direct reclaim.
/// </summary>
public static class PressureZonePlanner
{
    private const long MiB = 1L << 20;

    /// <summary>Builds the plan.</summary>
    /// <param name="analysis">The watermark analysis (current settings, or proposed ones for a what-if).</param>
    /// <param name="memInfo">The node's meminfo, or <see langword="null"/> when missing.</param>
    /// <param name="sysctls">The node's vm sysctls.</param>
    /// <param name="options">Eviction thresholds and assumptions.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PressurePlan Plan(WatermarkAnalysis analysis, MemInfoSnapshot? memInfo, VmSysctls sysctls, PressurePlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(sysctls);
        ArgumentNullException.ThrowIfNull(options);

        int pageSize = analysis.Settings.PageSizeBytes;
        WatermarkTotals totals = analysis.IsWhatIf ? analysis.ComputedTotals : analysis.PrintedTotals;
        long managedTotal = 0;
        foreach (ZoneComparison zone in analysis.Zones)
        {
            managedTotal += zone.ManagedPages;
        }

        long memTotalBytes = memInfo?.GetBytes(MemInfoField.MemTotal) ?? managedTotal * pageSize;
        var thresholds = new List<ThresholdPlacement>
        {
            Place("evictionHard", options.EvictionHard, memTotalBytes, totals, pageSize),
        };
        if (options.EvictionSoft is EvictionThreshold soft)
        {
            thresholds.Add(Place("evictionSoft", soft, memTotalBytes, totals, pageSize));
        }

        long? memoryAvailable = EstimateMemoryAvailable(memInfo);
        long? memAvailable = memInfo?.GetBytes(MemInfoField.MemAvailable);
        long rate = Math.Max(1, options.AllocationRateBytesPerSecond);
        double windowSeconds = (double)(totals.ReclaimHeadroom * pageSize) / rate;
        double period = options.EvictionPeriod.TotalSeconds;

        var findings = new List<string>();
        foreach (ThresholdPlacement placement in thresholds)
        {
            findings.Add(Describe(placement, totals, pageSize));
        }

        if (windowSeconds < period)
        {
            findings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the kswapd headroom (low - min) is {Format(totals.ReclaimHeadroom, pageSize)}: at {rate / MiB} MiB/s it lasts " +
                $"{windowSeconds:0.0} s, less than kubelet's {period:0} s eviction period, so a fast allocator reaches direct reclaim first"));
        }

        long? swapTotal = memInfo?.GetBytes(MemInfoField.SwapTotal);
        long? exampleLimit = swapTotal is long swap && swap > 0
            ? SwapLimitCalculator.LimitedSwapBytes(options.ExampleRequestBytes, memTotalBytes, swap)
            : null;

        var recommendations = new List<Recommendation>();
        ProposedTuning? proposal = null;
        bool needsTuning = thresholds[0].Placement != EvictionPlacement.InsideKswapdWindow || windowSeconds < period;
        if (needsTuning && !analysis.IsWhatIf)
        {
            proposal = Propose(analysis, memInfo, memTotalBytes, options, recommendations);
        }

        if (swapTotal is > 0 && sysctls.Swappiness is long swappiness && swappiness < 10)
        {
            recommendations.Add(new Recommendation("vm.swappiness", swappiness.ToString(CultureInfo.InvariantCulture), "60",
                "swap is configured but a swappiness this low makes reclaim drop page cache instead of swapping anonymous memory"));
        }

        long? whatIfChange = null;
        if (analysis.IsWhatIf)
        {
            int count = analysis.Zones.Count;
            var managed = new long[count];
            var protection = new long[count];
            var oldHigh = new long[count];
            var newHigh = new long[count];
            long oldLow = 0;
            long newLow = 0;
            for (int i = 0; i < count; i++)
            {
                ZoneComparison zone = analysis.Zones[i];
                managed[i] = zone.ManagedPages;
                protection[i] = zone.MaxProtection;
                oldHigh[i] = zone.PrintedHigh ?? 0;
                newHigh[i] = zone.Computed.High;
                oldLow += zone.PrintedLow ?? 0;
                newLow += zone.Computed.Low;
            }

            whatIfChange = MemAvailableChange(memInfo, pageSize, managed, protection, oldHigh, newHigh, oldLow, newLow);
            if (thresholds[0].Placement != EvictionPlacement.InsideKswapdWindow)
            {
                EvictionThreshold hard = Midpoint(totals, pageSize);
                recommendations.Add(new Recommendation("kubelet evictionHard memory.available", options.EvictionHard.ToString(), hard.ToString(),
                    $"midway between the summed min ({Format(totals.Min, pageSize)}) and low ({Format(totals.Low, pageSize)}) " +
                    "of these sysctls: eviction fires after kswapd and swap had their chance, before direct reclaim"));
            }

            findings.Add(string.Create(CultureInfo.InvariantCulture,
                $"writing these sysctls changes MemAvailable by {whatIfChange} pages ({whatIfChange * pageSize / (double)MiB:0.0} MiB)")
                + ": the summed high watermarks plus lowmem protection are reserved");
        }

        return new PressurePlan(pageSize, memTotalBytes, totals, thresholds, memoryAvailable, memAvailable, windowSeconds,
            recommendations, findings, proposal, swapTotal, exampleLimit, options.ExampleRequestBytes, whatIfChange);
    }

    /// <summary>Places one threshold.</summary>
    /// <param name="name">The threshold's name.</param>
    /// <param name="threshold">The threshold.</param>
    /// <param name="capacityBytes">Node capacity (MemTotal) for percentages.</param>
    /// <param name="totals">Summed watermarks in pages.</param>
    /// <param name="pageSizeBytes">The page size.</param>
    /// <returns>The placement.</returns>
    public static ThresholdPlacement Place(string name, EvictionThreshold threshold, long capacityBytes, WatermarkTotals totals, int pageSizeBytes)
    {
        long bytes = threshold.ResolveBytes(capacityBytes);
        EvictionPlacement placement = bytes <= totals.Min * pageSizeBytes
            ? EvictionPlacement.AfterDirectReclaim
            : bytes <= totals.Low * pageSizeBytes
                ? EvictionPlacement.InsideKswapdWindow
                : EvictionPlacement.BeforeKswapd;
        return new ThresholdPlacement(name, threshold, bytes, placement);
    }

    private static string Describe(ThresholdPlacement p, WatermarkTotals totals, int pageSize)
    {
        string head = string.Create(CultureInfo.InvariantCulture, $"{p.Name} memory.available<{p.Threshold} ({p.Bytes / (double)MiB:0.0} MiB)");
        return p.Placement switch
        {
            EvictionPlacement.AfterDirectReclaim => head + string.Create(CultureInfo.InvariantCulture,
                $" is at or below the summed min watermarks ({Format(totals.Min, pageSize)}): ") +
                "allocations stall in direct reclaim and the OOM killer can act before kubelet evicts",
            EvictionPlacement.InsideKswapdWindow => head + string.Create(CultureInfo.InvariantCulture,
                $" lies between the summed min ({Format(totals.Min, pageSize)}) and low ({Format(totals.Low, pageSize)}) watermarks: ") +
                "kswapd and swap work first, eviction fires before direct reclaim",
            _ => head + string.Create(CultureInfo.InvariantCulture,
                $" is above the summed low watermarks ({Format(totals.Low, pageSize)}): ") +
                "kubelet may evict before kswapd starts, so swap is hardly used",
        };
    }

    private static ProposedTuning Propose(
        WatermarkAnalysis analysis,
        MemInfoSnapshot? memInfo,
        long memTotalBytes,
        PressurePlanOptions options,
        List<Recommendation> recommendations)
    {
        WatermarkSettings current = analysis.Settings;
        int pageSize = current.PageSizeBytes;
        long memTotalKb = memTotalBytes / 1024;

        // min_free_kbytes near 2.5 % of memory (never lower than today), rounded down to whole pages.
        long minFree = current.MinFreeKbytes;
        if (minFree * 50 < memTotalKb)
        {
            long pageKb = pageSize / 1024;
            minFree = memTotalKb * 25 / 1000 / pageKb * pageKb;
        }

        // watermark_scale_factor so that low - min absorbs one eviction period of allocations.
        long lowmem = Math.Max(1, analysis.LowmemPages);
        long burstPages = (long)(options.AllocationRateBytesPerSecond * options.EvictionPeriod.TotalSeconds) / pageSize;
        long wsf = Math.Clamp((long)Math.Ceiling(burstPages * 10000.0 / lowmem), current.WatermarkScaleFactor, 3000);

        var sizes = new ZoneSize[analysis.Zones.Count];
        var protection = new long[sizes.Length];
        var managed = new long[sizes.Length];
        var oldHigh = new long[sizes.Length];
        long oldLow = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            ZoneComparison zone = analysis.Zones[i];
            sizes[i] = new ZoneSize(zone.Node, zone.Type, zone.ManagedPages, 0);
            protection[i] = zone.MaxProtection;
            managed[i] = zone.ManagedPages;
            oldHigh[i] = zone.PrintedHigh ?? zone.Computed.High;
            oldLow += zone.PrintedLow ?? zone.Computed.Low;
        }

        ZoneWatermarks[] proposed = WatermarkCalculator.Compute(sizes, current with { MinFreeKbytes = minFree, WatermarkScaleFactor = wsf });
        long sMin = 0, sLow = 0, sHigh = 0, sPromo = 0;
        var newHigh = new long[sizes.Length];
        for (int i = 0; i < proposed.Length; i++)
        {
            sMin += proposed[i].Min;
            sLow += proposed[i].Low;
            sHigh += proposed[i].High;
            sPromo += proposed[i].Promo;
            newHigh[i] = proposed[i].High;
        }

        var totals = new WatermarkTotals(sMin, sLow, sHigh, sPromo);
        EvictionThreshold hard = Midpoint(totals, pageSize);

        long change = MemAvailableChange(memInfo, pageSize, managed, protection, oldHigh, newHigh, oldLow, sLow);
        string cost = string.Create(CultureInfo.InvariantCulture,
            $"MemAvailable changes by {change} pages ({change * pageSize / (double)MiB:0.0} MiB)");

        if (minFree != current.MinFreeKbytes)
        {
            recommendations.Add(new Recommendation("vm.min_free_kbytes", current.MinFreeKbytes.ToString(CultureInfo.InvariantCulture),
                minFree.ToString(CultureInfo.InvariantCulture),
                $"about 2.5 % of memory: summed min becomes {Format(sMin, pageSize)}, room for eviction to act before direct reclaim; " +
                $"{cost} together with the other sysctl"));
        }

        if (wsf != current.WatermarkScaleFactor)
        {
            recommendations.Add(new Recommendation("vm.watermark_scale_factor", current.WatermarkScaleFactor.ToString(CultureInfo.InvariantCulture),
                wsf.ToString(CultureInfo.InvariantCulture),
                $"widens low - min to {Format(sLow - sMin, pageSize)} and the kswapd window (high - min) to {Format(sHigh - sMin, pageSize)}, " +
                string.Create(CultureInfo.InvariantCulture,
                    $"one {options.EvictionPeriod.TotalSeconds:0} s eviction period at {options.AllocationRateBytesPerSecond / MiB} MiB/s")
                    + (wsf > 1000 ? "; values above 1000 need kernel 5.19+ (or a backport)" : string.Empty)));
        }

        recommendations.Add(new Recommendation("kubelet evictionHard memory.available", options.EvictionHard.ToString(), hard.ToString(),
            $"midway between the proposed summed min ({Format(sMin, pageSize)}) and low ({Format(sLow, pageSize)}): " +
            "eviction fires after kswapd and swap had their chance, before direct reclaim"));

        return new ProposedTuning(minFree, wsf, hard, totals, change);
    }

    /// <summary>A threshold midway between the summed min and low watermarks, rounded up to whole MiB.</summary>
    private static EvictionThreshold Midpoint(WatermarkTotals totals, int pageSize)
    {
        long bytes = (((totals.Min + ((totals.Low - totals.Min) / 2)) * pageSize) + MiB - 1) / MiB * MiB;
        return EvictionThreshold.FromBytes(Math.Max(bytes, (totals.Min * pageSize) + MiB));
    }

    private static long MemAvailableChange(
        MemInfoSnapshot? memInfo,
        int pageSize,
        long[] managed,
        long[] protection,
        long[] oldHigh,
        long[] newHigh,
        long oldLow,
        long newLow)
    {
        long oldReserve = MemAvailableCalculator.TotalReservePages(managed, oldHigh, protection);
        long newReserve = MemAvailableCalculator.TotalReservePages(managed, newHigh, protection);
        long pageKb = pageSize / 1024;
        long free = (memInfo?.Get(MemInfoField.MemFree) ?? 0) / pageKb;
        long active = (memInfo?.Get(MemInfoField.ActiveFile) ?? 0) / pageKb;
        long inactive = (memInfo?.Get(MemInfoField.InactiveFile) ?? 0) / pageKb;
        long reclaimable = (memInfo?.Get(MemInfoField.KReclaimable) ?? memInfo?.Get(MemInfoField.SReclaimable) ?? 0) / pageKb;
        long before = MemAvailableCalculator.Compute(free, active, inactive, reclaimable, oldLow, oldReserve, 0);
        long after = MemAvailableCalculator.Compute(free, active, inactive, reclaimable, newLow, newReserve, 0);
        return after - before;
    }

    /// <summary>
    /// Estimates kubelet's <c>memory.available</c> from meminfo: MemTotal minus the root working set, where the working
    /// set is anon + file pages − inactive file (cgroup v2 root memory.stat has no exact meminfo counterpart).
    /// </summary>
    private static long? EstimateMemoryAvailable(MemInfoSnapshot? memInfo)
    {
        if (memInfo?.Get(MemInfoField.MemTotal) is not long total ||
            memInfo.Get(MemInfoField.AnonPages) is not long anon ||
            memInfo.Get(MemInfoField.Cached) is not long cached)
        {
            return null;
        }

        long buffers = memInfo.Get(MemInfoField.Buffers) ?? 0;
        long inactiveFile = memInfo.Get(MemInfoField.InactiveFile) ?? 0;
        long workingSet = Math.Max(0, anon + cached + buffers - inactiveFile);
        return Math.Max(0, total - workingSet) * 1024;
    }

    internal static string Format(long pages, int pageSize) =>
        string.Create(CultureInfo.InvariantCulture, $"{pages} pages = {pages * (double)pageSize / MiB:0.0} MiB");
}
