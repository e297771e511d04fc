namespace DeviceHealth.Signals;

/// <summary>What <see cref="NvidiaSmiXmlParser"/> read from one <c>nvidia-smi -q -x</c> document.</summary>
/// <param name="DriverVersion">The driver version (empty when absent).</param>
/// <param name="Timestamp">The document timestamp as printed.</param>
/// <param name="Gpus">The GPUs.</param>
/// <param name="Diagnostics">Values that could not be read (with line and column).</param>
public sealed record NvidiaSmiReport(
    string DriverVersion,
    string Timestamp,
    IReadOnlyList<GpuReport> Gpus,
    IReadOnlyList<Diagnostic> Diagnostics);
