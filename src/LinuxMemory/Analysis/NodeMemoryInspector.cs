using LinuxMemory.Options;
using LinuxMemory.Planning;
using LinuxMemory.Proc;
using Microsoft.Extensions.Options;

namespace LinuxMemory.Analysis;

/// <summary>
/// Reads the node's memory files as configured in <see cref="LinuxMemoryOptions"/> and analyzes them: the service
/// <see cref="LinuxMemoryServiceCollectionExtensions.AddLinuxMemory"/> registers.
/// </summary>
public sealed class NodeMemoryInspector
{
    private readonly IOptions<LinuxMemoryOptions> _options;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The validated options.</param>
    public NodeMemoryInspector(IOptions<LinuxMemoryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Reads and analyzes the files under <see cref="LinuxMemoryOptions.ProcRoot"/>.</summary>
    /// <returns>The report.</returns>
    /// <exception cref="LinuxMemoryFormatException">A file is malformed.</exception>
    /// <exception cref="DirectoryNotFoundException">The proc root does not exist.</exception>
    public NodeMemoryReport Inspect()
    {
        LinuxMemoryOptions options = _options.Value;
        ProcMemoryCapture capture = ProcMemoryReader.Read(options.ProcRoot, options.MaxFileBytes);
        if (capture.ZoneInfo is null)
        {
            return new NodeMemoryReport(capture, null, null, null);
        }

        WatermarkAnalysis current = WatermarkAnalysis.Analyze(capture.ZoneInfo, capture.Sysctls, null, null, options.PageSizeBytes);
        WatermarkAnalysis? proposed = options.MinFreeKbytes is null && options.WatermarkScaleFactor is null
            ? null
            : WatermarkAnalysis.Analyze(capture.ZoneInfo, capture.Sysctls, options.MinFreeKbytes, options.WatermarkScaleFactor, options.PageSizeBytes);
        var planOptions = new PressurePlanOptions
        {
            EvictionHard = EvictionThreshold.Parse(options.EvictionHard),
            EvictionSoft = options.EvictionSoft is null ? null : EvictionThreshold.Parse(options.EvictionSoft),
        };
        PressurePlan plan = PressureZonePlanner.Plan(proposed ?? current, capture.MemInfo, capture.Sysctls, planOptions);
        return new NodeMemoryReport(capture, current, proposed, plan);
    }
}
