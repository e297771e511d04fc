using System.Globalization;
using LinuxMemory.Analysis;
using LinuxMemory.MemInfo;
using LinuxMemory.Planning;

namespace Kubekit.Memory;

/// <summary>Renders a <see cref="MemoryReport"/> for people.</summary>
internal static class MemoryTextWriter
{
    private const double MiB = 1024 * 1024;

    public static void Write(MemoryReport report, TextWriter output)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var sysctls = report.Capture.Sysctls;
        output.WriteLine(string.Create(c, $"kubekit memory: {report.Capture.Root} (page size {report.PageSizeBytes} B)"));
        output.WriteLine(string.Create(c,
            $"sysctls: min_free_kbytes {Show(sysctls.MinFreeKbytes)}, watermark_scale_factor {Show(sysctls.WatermarkScaleFactor)}, " +
            $"watermark_boost_factor {Show(sysctls.WatermarkBoostFactor)}, swappiness {Show(sysctls.Swappiness)}, " +
            $"lowmem_reserve_ratio {(sysctls.LowmemReserveRatio is null ? "unknown" : string.Join(' ', sysctls.LowmemReserveRatio))}"));
        foreach (string missing in report.Capture.MissingFiles)
        {
            output.WriteLine($"missing: {missing}");
        }

        if (report.Current is null || report.Plan is null)
        {
            output.WriteLine("no zoneinfo: the watermarks cannot be shown");
            return;
        }

        WatermarkAnalysis current = report.Current;
        foreach (string note in current.Notes)
        {
            output.WriteLine($"note: {note}");
        }

        output.WriteLine(string.Create(c,
            $"pages_min {current.PagesMin} (min_free_kbytes {current.Settings.MinFreeKbytes}), lowmem {current.LowmemPages} pages, formula {current.Settings.Formula}"));
        output.WriteLine();
        output.WriteLine(string.Create(c,
            $"{"node",-4} {"zone",-8} {"managed",10} {"free",10}  {"printed min/low/high",-26} {"computed min/low/high",-26} match"));
        foreach (ZoneComparison zone in current.Zones)
        {
            string printed = $"{zone.PrintedMin}/{zone.PrintedLow}/{zone.PrintedHigh}";
            string computed = string.Create(c, $"{zone.Computed.Min}/{zone.Computed.Low}/{zone.Computed.High}");
            output.WriteLine(string.Create(c,
                $"{zone.Node,-4} {zone.Name,-8} {zone.ManagedPages,10} {Show(zone.FreePages),10}  {printed,-26} {computed,-26} {zone.Explanation}"));
        }

        output.WriteLine();
        WriteTotals(output, "printed ", current.PrintedTotals, report.PageSizeBytes);
        WriteTotals(output, "computed", current.ComputedTotals, report.PageSizeBytes);
        output.WriteLine(string.Create(c,
            $"swapping window (kswapd works between low and high; direct reclaim below min): high - min = {Pages(current.PrintedTotals.KswapdWindow, report.PageSizeBytes)}, " +
            $"low - min = {Pages(current.PrintedTotals.ReclaimHeadroom, report.PageSizeBytes)}"));

        if (report.WhatIf is WatermarkAnalysis whatIf)
        {
            output.WriteLine();
            output.WriteLine(string.Create(c,
                $"what-if: min_free_kbytes {whatIf.Settings.MinFreeKbytes}, watermark_scale_factor {whatIf.Settings.WatermarkScaleFactor} (pages_min {whatIf.PagesMin})"));
            foreach (ZoneComparison zone in whatIf.Zones)
            {
                output.WriteLine(string.Create(c,
                    $"  {zone.Node,-4} {zone.Name,-8} min {zone.Computed.Min} ({Bytes(zone.Computed.Min, report.PageSizeBytes)}), low {zone.Computed.Low} ({Bytes(zone.Computed.Low, report.PageSizeBytes)}), high {zone.Computed.High} ({Bytes(zone.Computed.High, report.PageSizeBytes)})"));
            }

            WriteTotals(output, "what-if ", whatIf.ComputedTotals, report.PageSizeBytes);
            output.WriteLine(string.Create(c,
                $"what-if swapping window: high - min = {Pages(whatIf.ComputedTotals.KswapdWindow, report.PageSizeBytes)}, low - min = {Pages(whatIf.ComputedTotals.ReclaimHeadroom, report.PageSizeBytes)}"));
        }

        PressurePlan plan = report.Plan;
        output.WriteLine();
        if (plan.MemAvailableBytes is long memAvailable)
        {
            output.WriteLine(string.Create(c, $"MemAvailable {memAvailable / MiB:0.0} MiB; kubelet memory.available (estimated from meminfo) {(plan.MemoryAvailableBytes ?? 0) / MiB:0.0} MiB"));
        }

        output.WriteLine("eviction:");
        foreach (string finding in plan.Findings)
        {
            output.WriteLine($"  {finding}");
        }

        if (plan.SwapTotalBytes is long swapTotal)
        {
            output.WriteLine(swapTotal == 0
                ? "swap: none configured (NodeSwap LimitedSwap gives containers no swap)"
                : string.Create(c,
                    $"swap: {swapTotal / MiB:0.0} MiB; LimitedSwap gives a Burstable container requesting {plan.ExampleRequestBytes / MiB:0} MiB a memory.swap.max of {(plan.ExampleSwapLimitBytes ?? 0) / MiB:0.0} MiB (request / MemTotal x SwapTotal)"));
        }

        if (plan.Recommendations.Count > 0)
        {
            output.WriteLine("recommendations:");
            foreach (Recommendation recommendation in plan.Recommendations)
            {
                output.WriteLine($"  {recommendation.Setting}: {recommendation.Current} -> {recommendation.Proposed}: {recommendation.Reason}");
            }
        }

        if (plan.Proposal is ProposedTuning proposal)
        {
            output.WriteLine(string.Create(c,
                $"with the recommendations: summed min {Pages(proposal.Totals.Min, report.PageSizeBytes)}, low {Pages(proposal.Totals.Low, report.PageSizeBytes)}, high {Pages(proposal.Totals.High, report.PageSizeBytes)}; MemAvailable {proposal.MemAvailableChangePages} pages ({proposal.MemAvailableChangePages * (double)report.PageSizeBytes / MiB:0.0} MiB)"));
        }
    }

    private static void WriteTotals(TextWriter output, string label, WatermarkTotals totals, int pageSize)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sum over zones, {label}: min {Pages(totals.Min, pageSize)}, low {Pages(totals.Low, pageSize)}, high {Pages(totals.High, pageSize)}"));
    }

    private static string Pages(long pages, int pageSize) =>
        string.Create(CultureInfo.InvariantCulture, $"{pages} pages ({Bytes(pages, pageSize)})");

    private static string Bytes(long pages, int pageSize) =>
        string.Create(CultureInfo.InvariantCulture, $"{pages * (double)pageSize / MiB:0.0} MiB");

    private static string Show(long? value) =>
        value?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
}
