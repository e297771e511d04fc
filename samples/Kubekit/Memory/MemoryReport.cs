using LinuxMemory.Analysis;
using LinuxMemory.Planning;
using LinuxMemory.Proc;

namespace Kubekit.Memory;

/// <summary>Everything 'kubekit memory' shows, computed once and rendered as text, JSON or SVG.</summary>
internal sealed class MemoryReport
{
    public MemoryReport(
        MemoryArguments arguments,
        ProcMemoryCapture capture,
        int pageSizeBytes,
        WatermarkAnalysis? current,
        WatermarkAnalysis? whatIf,
        PressurePlan? plan)
    {
        Arguments = arguments;
        Capture = capture;
        PageSizeBytes = pageSizeBytes;
        Current = current;
        WhatIf = whatIf;
        Plan = plan;
    }

    public MemoryArguments Arguments { get; }

    public ProcMemoryCapture Capture { get; }

    public int PageSizeBytes { get; }

    public WatermarkAnalysis? Current { get; }

    public WatermarkAnalysis? WhatIf { get; }

    public PressurePlan? Plan { get; }

    /// <summary>Gets whether the report found problems (exit code 1).</summary>
    public bool HasProblems
    {
        get
        {
            if (Current is null || Plan is null)
            {
                return true;
            }

            foreach (ZoneComparison zone in Current.Zones)
            {
                if (zone.Match == WatermarkMatch.Different)
                {
                    return true;
                }
            }

            foreach (ThresholdPlacement threshold in Plan.Thresholds)
            {
                if (threshold.Placement == EvictionPlacement.AfterDirectReclaim)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public static MemoryReport Build(MemoryArguments arguments, ProcMemoryCapture capture, int pageSizeBytes)
    {
        if (capture.ZoneInfo is null)
        {
            return new MemoryReport(arguments, capture, pageSizeBytes, null, null, null);
        }

        WatermarkAnalysis current = WatermarkAnalysis.Analyze(capture.ZoneInfo, capture.Sysctls, null, null, pageSizeBytes);
        WatermarkAnalysis? whatIf = arguments.MinFreeKbytes is null && arguments.WatermarkScaleFactor is null
            ? null
            : WatermarkAnalysis.Analyze(capture.ZoneInfo, capture.Sysctls, arguments.MinFreeKbytes, arguments.WatermarkScaleFactor, pageSizeBytes);
        var options = new PressurePlanOptions { EvictionHard = arguments.EvictionHard, EvictionSoft = arguments.EvictionSoft };
        PressurePlan plan = PressureZonePlanner.Plan(whatIf ?? current, capture.MemInfo, capture.Sysctls, options);
        return new MemoryReport(arguments, capture, pageSizeBytes, current, whatIf, plan);
    }
}
