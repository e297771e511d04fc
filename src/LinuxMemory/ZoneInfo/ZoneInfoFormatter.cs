using System.Globalization;

namespace LinuxMemory.ZoneInfo;

/// <summary>
/// Prints a snapshot in the kernel's /proc/zoneinfo layout (the values the snapshot holds, in kernel order), so that
/// parsing the output gives an equal snapshot. Useful for building captures and test input.
/// </summary>
public static class ZoneInfoFormatter
{
    /// <summary>Writes the snapshot.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="output">The destination.</param>
    public static void Write(ZoneInfoSnapshot snapshot, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(output);
        var printedNodes = new HashSet<int>();
        foreach (MemoryZone zone in snapshot.Zones)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"Node {zone.Node}, zone {zone.Name,8}\n"));
            if (printedNodes.Add(zone.Node) && snapshot.FindNode(zone.Node) is NodeStatistics stats)
            {
                output.Write("  per-node stats\n");
                Counter(output, "nr_inactive_file", stats.InactiveFile);
                Counter(output, "nr_active_file", stats.ActiveFile);
                Counter(output, "nr_slab_reclaimable", stats.SlabReclaimable);
                Counter(output, "nr_kernel_misc_reclaimable", stats.KernelMiscReclaimable);
                if (stats.UnnamedValue is long unnamed)
                {
                    output.Write(string.Create(CultureInfo.InvariantCulture, $"                   {unnamed}\n"));
                }
            }

            if (zone.PagesFree is long free)
            {
                output.Write(string.Create(CultureInfo.InvariantCulture, $"  pages free     {free}\n"));
            }

            Field(output, "boost", zone.Boost);
            Field(output, "min", zone.Min);
            Field(output, "low", zone.Low);
            Field(output, "high", zone.High);
            Field(output, "promo", zone.Promo);
            Field(output, "spanned", zone.Spanned);
            Field(output, "present", zone.Present);
            Field(output, "managed", zone.Managed);
            Field(output, "cma", zone.Cma);
            if (zone.HasProtection)
            {
                output.Write("        protection: (");
                ReadOnlySpan<long> protection = zone.Protection;
                for (int i = 0; i < protection.Length; i++)
                {
                    output.Write(i == 0 ? string.Empty : ", ");
                    output.Write(protection[i].ToString(CultureInfo.InvariantCulture));
                }

                output.Write(")\n");
            }

            Counter(output, "nr_free_pages", zone.NrFreePages);
        }
    }

    private static void Field(TextWriter output, string name, long? value)
    {
        if (value is long number)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"        {name,-8} {number}\n"));
        }
    }

    private static void Counter(TextWriter output, string name, long? value)
    {
        if (value is long number)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"      {name} {number}\n"));
        }
    }
}
