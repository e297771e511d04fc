using LinuxMemory.Watermarks;
using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Analysis;

/// <summary>One zone's printed and computed watermarks, in pages.</summary>
public sealed class ZoneComparison
{
    internal ZoneComparison(MemoryZone zone, ZoneWatermarks computed, WatermarkMatch match, string explanation)
    {
        Node = zone.Node;
        Name = zone.Name;
        Type = zone.Type;
        ManagedPages = zone.SizePages;
        PresentPages = zone.Present;
        FreePages = zone.PagesFree ?? zone.NrFreePages;
        Boost = zone.Boost;
        PrintedMin = zone.Min;
        PrintedLow = zone.Low;
        PrintedHigh = zone.High;
        PrintedPromo = zone.Promo;
        MaxProtection = 0;
        foreach (long value in zone.Protection)
        {
            MaxProtection = Math.Max(MaxProtection, value);
        }

        Computed = computed;
        Match = match;
        Explanation = explanation;
    }

    /// <summary>Gets the NUMA node.</summary>
    public int Node { get; }

    /// <summary>Gets the zone name.</summary>
    public string Name { get; }

    /// <summary>Gets the zone kind.</summary>
    public ZoneType Type { get; }

    /// <summary>Gets the managed pages (present pages on kernels that print no managed line).</summary>
    public long ManagedPages { get; }

    /// <summary>Gets the present pages.</summary>
    public long? PresentPages { get; }

    /// <summary>Gets the free pages.</summary>
    public long? FreePages { get; }

    /// <summary>Gets the printed boost, when the kernel prints one.</summary>
    public long? Boost { get; }

    /// <summary>Gets the printed min.</summary>
    public long? PrintedMin { get; }

    /// <summary>Gets the printed low.</summary>
    public long? PrintedLow { get; }

    /// <summary>Gets the printed high.</summary>
    public long? PrintedHigh { get; }

    /// <summary>Gets the printed promo, when the kernel prints one.</summary>
    public long? PrintedPromo { get; }

    /// <summary>Gets the largest <c>protection:</c> entry.</summary>
    public long MaxProtection { get; }

    /// <summary>Gets the computed watermarks.</summary>
    public ZoneWatermarks Computed { get; }

    /// <summary>Gets how printed and computed relate.</summary>
    public WatermarkMatch Match { get; }

    /// <summary>Gets a one-line explanation of <see cref="Match"/>.</summary>
    public string Explanation { get; }
}
