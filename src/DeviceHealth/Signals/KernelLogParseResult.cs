namespace DeviceHealth.Signals;

/// <summary>What <see cref="KernelLogParser"/> found.</summary>
/// <param name="Events">The device events, in input order.</param>
/// <param name="Diagnostics">Malformed NVRM lines and limits hit, with line and column.</param>
/// <param name="LinesRead">The number of lines read.</param>
public sealed record KernelLogParseResult(
    IReadOnlyList<KernelEvent> Events,
    IReadOnlyList<Diagnostic> Diagnostics,
    int LinesRead);
