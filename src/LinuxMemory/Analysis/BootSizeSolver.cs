using LinuxMemory.Watermarks;
using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Analysis;

/// <summary>
/// Recovers the managed sizes the kernel computed its boot-time watermarks from. The <c>protection:</c> arrays are
/// only recomputed at boot and on hotplug: zone k-1's entry for zone k is <c>floor(managed(k) / ratio(k-1))</c>, so each
/// zone above the first lies in a range of <c>ratio</c> pages. The solver searches those ranges for sizes that give
/// every printed watermark exactly.
/// </summary>
internal static class BootSizeSolver
{
    private const int MaxCombinations = 1 << 18;

    /// <summary>Returns the solved sizes per zone, or null when no combination in the ranges reproduces the printed values.</summary>
    public static long[]? Solve(
        ZoneInfoSnapshot zoneInfo,
        ZoneSize[] sizes,
        long[] hiddenBoost,
        WatermarkSettings settings,
        IReadOnlyList<long>? ratios)
    {
        int count = sizes.Length;
        var low = new long[count];
        var high = new long[count];
        var unknown = new List<int>();
        for (int i = 0; i < count; i++)
        {
            low[i] = high[i] = sizes[i].ManagedPages;
        }

        int start = 0;
        while (start < count)
        {
            int node = zoneInfo.Zones[start].Node;
            int end = start;
            while (end < count && zoneInfo.Zones[end].Node == node)
            {
                end++;
            }

            // The protection array is indexed by zone index; that is the position within the node when the kernel
            // printed every zone (4.12+) or hid only the highest, empty ones (before 4.12).
            for (int k = start + 1; k < end; k++)
            {
                MemoryZone below = zoneInfo.Zones[k - 1];
                ReadOnlySpan<long> protection = below.Protection;
                int index = k - start;
                long ratio = Ratio(ratios, index - 1, below.Type);
                if (protection.Length < end - start || ratio <= 0 || !below.IsPopulated || !zoneInfo.Zones[k].IsPopulated)
                {
                    continue;
                }

                long reserve = protection[index];
                if (reserve < 0 || reserve > (WatermarkCalculator.MaxZonePages - ratio) / ratio)
                {
                    // No zone is that large: the array cannot describe a boot-time size.
                    continue;
                }

                long lowBound = reserve * ratio;
                long highBound = lowBound + ratio - 1;
                if (sizes[k].ManagedPages < lowBound || sizes[k].ManagedPages > highBound)
                {
                    low[k] = lowBound;
                    high[k] = highBound;
                    unknown.Add(k);
                }
            }

            start = end;
        }

        if (unknown.Count == 0)
        {
            return null;
        }

        long combinations = 1;
        foreach (int k in unknown)
        {
            combinations *= high[k] - low[k] + 1;
            if (combinations > MaxCombinations)
            {
                return null;
            }
        }

        var trial = (ZoneSize[])sizes.Clone();
        var marks = new ZoneWatermarks[count];
        var cursor = new long[unknown.Count];
        for (int u = 0; u < unknown.Count; u++)
        {
            cursor[u] = low[unknown[u]];
        }

        while (true)
        {
            for (int u = 0; u < unknown.Count; u++)
            {
                trial[unknown[u]] = trial[unknown[u]] with { ManagedPages = cursor[u] };
            }

            WatermarkCalculator.Compute(trial, settings, marks);
            if (Matches(zoneInfo, marks, hiddenBoost))
            {
                return trial.Select(z => z.ManagedPages).ToArray();
            }

            int digit = 0;
            while (digit < unknown.Count && ++cursor[digit] > high[unknown[digit]])
            {
                cursor[digit] = low[unknown[digit]];
                digit++;
            }

            if (digit == unknown.Count)
            {
                return null;
            }
        }
    }

    private static bool Matches(ZoneInfoSnapshot zoneInfo, ZoneWatermarks[] marks, long[] hiddenBoost)
    {
        for (int i = 0; i < marks.Length; i++)
        {
            MemoryZone zone = zoneInfo.Zones[i];
            long boost = hiddenBoost[i];
            if (zone.Min - boost != marks[i].Min || zone.Low - boost != marks[i].Low || zone.High - boost != marks[i].High)
            {
                return false;
            }
        }

        return true;
    }

    private static long Ratio(IReadOnlyList<long>? ratios, int index, ZoneType type)
    {
        if (ratios is not null && index < ratios.Count)
        {
            return ratios[index];
        }

        // Defaults of x86_64 and most architectures: DMA 256, DMA32 256, Normal 32, the rest 0.
        return type switch
        {
            ZoneType.Dma or ZoneType.Dma32 => 256,
            ZoneType.Normal => 32,
            _ => 0,
        };
    }
}
