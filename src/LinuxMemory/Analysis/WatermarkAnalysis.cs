using System.Globalization;
using LinuxMemory.Sysctl;
using LinuxMemory.Watermarks;
using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Analysis;

/// <summary>
/// Compares the watermarks a zoneinfo snapshot prints with the ones the kernel rules give for the current (or proposed)
/// sysctls, and explains every difference.
/// </summary>
public sealed class WatermarkAnalysis
{
    private WatermarkAnalysis(
        WatermarkSettings settings,
        bool isWhatIf,
        long pagesMin,
        long lowmemPages,
        IReadOnlyList<ZoneComparison> zones,
        IReadOnlyList<string> notes)
    {
        Settings = settings;
        IsWhatIf = isWhatIf;
        PagesMin = pagesMin;
        LowmemPages = lowmemPages;
        Zones = zones;
        Notes = notes;
        long pMin = 0, pLow = 0, pHigh = 0, pPromo = 0, cMin = 0, cLow = 0, cHigh = 0, cPromo = 0;
        foreach (ZoneComparison zone in zones)
        {
            pMin += zone.PrintedMin ?? 0;
            pLow += zone.PrintedLow ?? 0;
            pHigh += zone.PrintedHigh ?? 0;
            pPromo += zone.PrintedPromo ?? zone.PrintedHigh ?? 0;
            cMin += zone.Computed.Min;
            cLow += zone.Computed.Low;
            cHigh += zone.Computed.High;
            cPromo += zone.Computed.Promo;
        }

        PrintedTotals = new WatermarkTotals(pMin, pLow, pHigh, pPromo);
        ComputedTotals = new WatermarkTotals(cMin, cLow, cHigh, cPromo);
    }

    /// <summary>Gets the settings the computed values use.</summary>
    public WatermarkSettings Settings { get; }

    /// <summary>Gets a value indicating whether the settings are proposed ones rather than the machine's.</summary>
    public bool IsWhatIf { get; }

    /// <summary>Gets <c>min_free_kbytes</c> in pages.</summary>
    public long PagesMin { get; }

    /// <summary>Gets the managed pages <c>pages_min</c> is divided by.</summary>
    public long LowmemPages { get; }

    /// <summary>Gets the zones in file order.</summary>
    public IReadOnlyList<ZoneComparison> Zones { get; }

    /// <summary>Gets how the settings were chosen (for example which rule explains <c>min_free_kbytes</c>).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Gets the printed watermarks summed over zones.</summary>
    public WatermarkTotals PrintedTotals { get; }

    /// <summary>Gets the computed watermarks summed over zones.</summary>
    public WatermarkTotals ComputedTotals { get; }

    /// <summary>Gets a value indicating whether every zone's computed values equal the printed ones.</summary>
    public bool AllExact
    {
        get
        {
            foreach (ZoneComparison zone in Zones)
            {
                if (zone.Match != WatermarkMatch.Exact)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Analyzes a snapshot with the machine's sysctls, optionally replacing some with proposed values.</summary>
    /// <param name="zoneInfo">The parsed zoneinfo.</param>
    /// <param name="sysctls">The vm sysctls, or <see langword="null"/> when unknown.</param>
    /// <param name="proposedMinFreeKbytes">A proposed <c>min_free_kbytes</c> (what-if), or <see langword="null"/>.</param>
    /// <param name="proposedWatermarkScaleFactor">A proposed <c>watermark_scale_factor</c>, or <see langword="null"/>.</param>
    /// <param name="pageSizeBytes">The page size of the machine the snapshot comes from.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zoneInfo"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, the scale factor is above
    /// <see cref="WatermarkCalculator.MaxWatermarkScaleFactor"/>, or the page size is not a power of two of at least
    /// 1 KiB.</exception>
    public static WatermarkAnalysis Analyze(
        ZoneInfoSnapshot zoneInfo,
        VmSysctls? sysctls,
        long? proposedMinFreeKbytes,
        long? proposedWatermarkScaleFactor,
        int pageSizeBytes)
    {
        ArgumentNullException.ThrowIfNull(zoneInfo);
        var notes = new List<string>();
        var sizes = new ZoneSize[zoneInfo.Zones.Count];
        for (int i = 0; i < sizes.Length; i++)
        {
            MemoryZone zone = zoneInfo.Zones[i];
            sizes[i] = new ZoneSize(zone.Node, zone.Type, zone.SizePages, zone.Boost ?? 0);
        }

        long pageblock = pageSizeBytes == 4096 ? 512 : Math.Max(1, (2L << 20) / pageSizeBytes);
        long[] hiddenBoost = InferHiddenBoosts(zoneInfo, pageblock);
        WatermarkFormula formula = InferFormula(zoneInfo, sysctls, notes);
        bool movableRule = InferMovableRule(zoneInfo, notes);
        long lowmem = WatermarkCalculator.LowmemPages(sizes, movableRule);
        long currentMinFree = CurrentMinFreeKbytes(zoneInfo, sysctls, lowmem, pageSizeBytes, pageblock, movableRule, hiddenBoost, notes);
        long currentWsf = sysctls?.WatermarkScaleFactor ?? 10;
        if (sysctls?.WatermarkScaleFactor is null && formula == WatermarkFormula.ScaleFactor)
        {
            notes.Add("watermark_scale_factor unknown; assumed the default 10");
        }

        var current = new WatermarkSettings(currentMinFree, currentWsf, formula, movableRule, pageSizeBytes);
        bool whatIf = proposedMinFreeKbytes is not null || proposedWatermarkScaleFactor is not null;
        WatermarkSettings settings = current with
        {
            MinFreeKbytes = proposedMinFreeKbytes ?? current.MinFreeKbytes,
            WatermarkScaleFactor = proposedWatermarkScaleFactor ?? current.WatermarkScaleFactor,
        };

        if (whatIf)
        {
            // Proposed values are what the kernel computes right after the sysctl write: boost is reset to 0.
            for (int i = 0; i < sizes.Length; i++)
            {
                sizes[i] = sizes[i] with { BoostPages = 0 };
            }
        }

        ZoneWatermarks[] computed = WatermarkCalculator.Compute(sizes, settings);
        long pagesMin = WatermarkCalculator.PagesMin(settings.MinFreeKbytes, pageSizeBytes);
        bool minsAddUp = MinsAddUp(zoneInfo, movableRule, hiddenBoost, WatermarkCalculator.PagesMin(current.MinFreeKbytes, pageSizeBytes));
        long[]? bootSizes = null;
        string bootChanges = string.Empty;
        if (!whatIf && !AllEqual(zoneInfo, computed, hiddenBoost))
        {
            bootSizes = BootSizeSolver.Solve(zoneInfo, sizes, hiddenBoost, settings, sysctls?.LowmemReserveRatio);
            if (bootSizes is not null)
            {
                bootChanges = string.Join(", ", zoneInfo.Zones.Select((z, i) => (z, i)).Where(p => bootSizes[p.i] != p.z.SizePages)
                    .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.z.Name} of node {p.z.Node}: {bootSizes[p.i]} pages, now {p.z.SizePages}")));
                notes.Add("the printed watermarks reproduce exactly with the boot-time zone sizes the protection arrays imply: " +
                    string.Join(", ", zoneInfo.Zones.Select((z, i) => string.Create(CultureInfo.InvariantCulture,
                        $"{z.Name} {bootSizes[i]}{(bootSizes[i] == z.SizePages ? string.Empty : $" (now {z.SizePages})")}"))));
            }
        }

        var zones = new ZoneComparison[sizes.Length];
        for (int i = 0; i < sizes.Length; i++)
        {
            MemoryZone zone = zoneInfo.Zones[i];
            (WatermarkMatch match, string explanation) = whatIf
                ? (WatermarkMatch.WhatIf, "computed for the proposed settings")
                : Classify(zone, computed[i], hiddenBoost[i], minsAddUp);
            if (bootSizes is not null && match == WatermarkMatch.ManagedChanged)
            {
                match = WatermarkMatch.ExactWithBootSizes;
                string boost = hiddenBoost[i] > 0
                    ? string.Create(CultureInfo.InvariantCulture, $" plus a boost of {hiddenBoost[i]} pages (no boost line printed)")
                    : string.Empty;
                explanation = Differences(
                        zone.Min!.Value - computed[i].Min, zone.Low!.Value - computed[i].Low, zone.High!.Value - computed[i].High) +
                    "; equal when computed from the boot-time sizes the protection arrays record (" + bootChanges + ")" + boost;
            }

            zones[i] = new ZoneComparison(zone, computed[i], match, explanation);
        }

        return new WatermarkAnalysis(settings, whatIf, pagesMin, lowmem, zones, notes);
    }

    private static bool AllEqual(ZoneInfoSnapshot zoneInfo, ZoneWatermarks[] computed, long[] hiddenBoost)
    {
        for (int i = 0; i < computed.Length; i++)
        {
            MemoryZone zone = zoneInfo.Zones[i];
            if (zone.Min != computed[i].Min || zone.Low != computed[i].Low || zone.High != computed[i].High)
            {
                return false;
            }
        }

        return hiddenBoost.All(b => b == 0);
    }

    private static (WatermarkMatch Match, string Explanation) Classify(MemoryZone zone, ZoneWatermarks computed, long hiddenBoost, bool minsAddUp)
    {
        long min = zone.Min!.Value;
        long low = zone.Low!.Value;
        long high = zone.High!.Value;
        bool promoOk = zone.Promo is not long promo || promo == computed.Promo;
        if (min == computed.Min && low == computed.Low && high == computed.High && promoOk)
        {
            return zone.Boost is > 0
                ? (WatermarkMatch.Exact, string.Create(CultureInfo.InvariantCulture, $"equal (boost {zone.Boost} included)"))
                : (WatermarkMatch.Exact, "equal");
        }

        if (hiddenBoost > 0 && min - hiddenBoost == computed.Min && low - hiddenBoost == computed.Low && high - hiddenBoost == computed.High)
        {
            return (WatermarkMatch.BoostNotPrinted, string.Create(CultureInfo.InvariantCulture,
                $"printed = computed + {hiddenBoost}: a watermark boost (low - min < min/4 is impossible unboosted; this kernel prints no boost line)"));
        }

        string boostNote = hiddenBoost > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; boosted by about {hiddenBoost} pages (low - min < min/4, no boost line printed)")
            : string.Empty;
        if (minsAddUp)
        {
            return (WatermarkMatch.ManagedChanged, Differences(min - computed.Min, low - computed.Low, high - computed.High) + boostNote +
                "; the unboosted printed mins add up to min_free_kbytes, so the kernel computed them when the zones had other " +
                "managed sizes (boot time, before initrd/init memory was freed, balloon or hotplug)");
        }

        return (WatermarkMatch.Different, Differences(min - computed.Min, low - computed.Low, high - computed.High) + boostNote +
            "; the printed mins do not add up to min_free_kbytes (min_free_kbytes or the zone sizes changed since)");
    }

    /// <summary>
    /// Boost of zones that print no boost line (kernels 5.0-5.15): an unboosted zone has low - min &gt;= min/4, so a smaller
    /// gap means boost; boost grows in whole pageblocks, so the smallest consistent multiple is taken when it fits.
    /// </summary>
    private static long[] InferHiddenBoosts(ZoneInfoSnapshot zoneInfo, long pageblock)
    {
        var result = new long[zoneInfo.Zones.Count];
        for (int i = 0; i < result.Length; i++)
        {
            MemoryZone zone = zoneInfo.Zones[i];
            // Zones below four pageblocks are never boosted; HighMem/Movable mins are clamped, not proportional.
            if (zone.Boost is not null || zone.Type is ZoneType.HighMem or ZoneType.Movable || zone.SizePages < 4 * pageblock)
            {
                continue;
            }

            long min = zone.Min!.Value;
            long low = zone.Low!.Value;
            long least = WatermarkBoost.InferBoost(min, low);
            if (least <= 0)
            {
                continue;
            }

            long rounded = (least + pageblock - 1) / pageblock * pageblock;
            long delta = low - min;
            long baseMin = min - rounded;
            result[i] = baseMin >= 0 && (baseMin >> 2) <= delta ? rounded : least;
        }

        return result;
    }

    private static string Differences(long min, long low, long high) =>
        string.Create(CultureInfo.InvariantCulture, $"printed - computed: min {min:+#;-#;0}, low {low:+#;-#;0}, high {high:+#;-#;0} pages");

    private static bool MinsAddUp(ZoneInfoSnapshot zoneInfo, bool movableRule, long[] hiddenBoost, long pagesMin)
    {
        (long sum, int count) = UnboostedMinSum(zoneInfo, movableRule, hiddenBoost);
        return sum <= pagesMin && sum > pagesMin - Math.Max(count, 1);
    }

    private static (long Sum, int Count) UnboostedMinSum(ZoneInfoSnapshot zoneInfo, bool movableRule, long[] hiddenBoost)
    {
        long sum = 0;
        int count = 0;
        for (int i = 0; i < zoneInfo.Zones.Count; i++)
        {
            MemoryZone zone = zoneInfo.Zones[i];
            if (!WatermarkCalculator.IsHighMemLike(zone.Type, movableRule))
            {
                sum += zone.Min!.Value - (zone.Boost ?? 0) - hiddenBoost[i];
                count++;
            }
        }

        return (sum, count);
    }

    private static WatermarkFormula InferFormula(ZoneInfoSnapshot zoneInfo, VmSysctls? sysctls, List<string> notes)
    {
        if (sysctls?.WatermarkScaleFactor is not null)
        {
            return WatermarkFormula.ScaleFactor;
        }

        if (sysctls?.MinFreeKbytes is not null)
        {
            notes.Add("no watermark_scale_factor sysctl (kernel before 4.6): pre-4.6 formula low = min + min/4, high = min + min/2");
            return WatermarkFormula.Legacy;
        }

        foreach (MemoryZone zone in zoneInfo.Zones)
        {
            if (zone.Type == ZoneType.HighMem || !zone.IsPopulated)
            {
                continue;
            }

            long boost = zone.Boost ?? 0;
            long min = zone.Min!.Value - boost;
            long low = zone.Low!.Value - boost;
            long high = zone.High!.Value - boost;
            if (high - low != low - min && low == min + (min >> 2) && high == min + (min >> 1))
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"zone {zone.Name} of node {zone.Node} has high - low != low - min: pre-4.6 formula"));
                return WatermarkFormula.Legacy;
            }
        }

        return WatermarkFormula.ScaleFactor;
    }

    private static bool InferMovableRule(ZoneInfoSnapshot zoneInfo, List<string> notes)
    {
        foreach (MemoryZone zone in zoneInfo.Zones)
        {
            if (zone.Type != ZoneType.Movable)
            {
                continue;
            }

            long clamped = Math.Clamp(zone.SizePages / 1024, WatermarkCalculator.HighMemMinFloor, WatermarkCalculator.HighMemMinCeiling);
            bool newRule = zone.Min!.Value - (zone.Boost ?? 0) == clamped;
            notes.Add(newRule
                ? "Movable zone min is clamped to 32..128 pages and left out of lowmem (kernel 6.0+ rule)"
                : "Movable zone counts as lowmem (rule of kernels before 6.0)");
            return newRule;
        }

        return true;
    }

    private static long CurrentMinFreeKbytes(
        ZoneInfoSnapshot zoneInfo,
        VmSysctls? sysctls,
        long lowmem,
        int pageSizeBytes,
        long pageblock,
        bool movableRule,
        long[] hiddenBoost,
        List<string> notes)
    {
        int populated = 0;
        foreach (MemoryZone zone in zoneInfo.Zones)
        {
            if (zone.IsPopulated && zone.Type != ZoneType.Movable && zone.Type != ZoneType.HighMem)
            {
                populated++;
            }
        }

        long pageKb = pageSizeBytes / 1024;
        long sqrt = MinFreeKbytesRules.SquareRoot(lowmem * pageKb, MinFreeKbytesRules.SquareRootCeilingKbytes);
        long sqrtOld = MinFreeKbytesRules.SquareRoot(lowmem * pageKb, MinFreeKbytesRules.LegacySquareRootCeilingKbytes);
        long thp = MinFreeKbytesRules.TransparentHugePage(populated, pageblock, lowmem, pageSizeBytes);
        if (sysctls?.MinFreeKbytes is long value)
        {
            string origin = value == thp
                ? string.Create(CultureInfo.InvariantCulture, $"the transparent-huge-page rule (11 pageblocks x {populated} populated zones)")
                : value == sqrt || value == sqrtOld
                    ? "the square-root rule (4 x sqrt(lowmem kB))"
                    : "no boot-time rule for today's zone sizes: set by hand, or computed when the zones had other sizes";
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"min_free_kbytes {value}: {origin}"));
            return value;
        }

        // Unknown: take the boot rule whose pages_min the printed (unboosted) mins add up to; they sum to pages_min
        // minus less than one page per zone.
        (long sum, int count) = UnboostedMinSum(zoneInfo, movableRule, hiddenBoost);
        long bestKb = -1;
        string bestRule = string.Empty;
        (long Kb, string Rule)[] candidates =
            [(thp, "transparent-huge-page rule"), (sqrt, "square-root rule"), (sqrtOld, "square-root rule, pre-5.7 clamp")];
        foreach ((long candidate, string rule) in candidates)
        {
            long pages = WatermarkCalculator.PagesMin(candidate, pageSizeBytes);
            if (bestKb < 0 && pages >= sum && pages - sum < Math.Max(count, 1))
            {
                bestKb = candidate;
                bestRule = rule;
            }
        }

        if (bestKb >= 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"min_free_kbytes unknown (no sys/vm/min_free_kbytes); the printed mins add up to the {bestRule}: {bestKb}"));
            return bestKb;
        }

        long inferred = sum * pageKb;
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"min_free_kbytes unknown (no sys/vm/min_free_kbytes) and no boot rule (square-root {sqrt}, THP {thp}) fits; " +
            $"inferred {inferred} from the printed mins (the true value is up to {Math.Max(count - 1, 0) * pageKb} kB more)"));
        return inferred;
    }
}
