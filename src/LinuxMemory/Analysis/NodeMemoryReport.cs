using LinuxMemory.Planning;
using LinuxMemory.Proc;

namespace LinuxMemory.Analysis;

/// <summary>What <see cref="NodeMemoryInspector"/> found: the files read, the watermarks now, the proposed ones and the plan.</summary>
public sealed class NodeMemoryReport
{
    internal NodeMemoryReport(ProcMemoryCapture capture, WatermarkAnalysis? current, WatermarkAnalysis? proposed, PressurePlan? plan)
    {
        Capture = capture;
        Current = current;
        Proposed = proposed;
        Plan = plan;
    }

    /// <summary>Gets the files read.</summary>
    public ProcMemoryCapture Capture { get; }

    /// <summary>Gets the printed and computed watermarks of the current settings, or <see langword="null"/> without zoneinfo.</summary>
    public WatermarkAnalysis? Current { get; }

    /// <summary>Gets the watermarks of the proposed settings, or <see langword="null"/> when none are configured.</summary>
    public WatermarkAnalysis? Proposed { get; }

    /// <summary>Gets the pressure-zone plan (for the proposed settings when configured), or <see langword="null"/> without zoneinfo.</summary>
    public PressurePlan? Plan { get; }
}
