namespace DeviceHealth.Signals;

/// <summary>A problem found in input that was skipped rather than fatal: where it is and what is wrong.</summary>
/// <param name="Line">The 1-based line number (0 when the input has no lines, for example a byte stream).</param>
/// <param name="Column">The 1-based column, or 0 when not known.</param>
/// <param name="Message">What was expected and what was found.</param>
public readonly record struct Diagnostic(int Line, int Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Column > 0 ? $"line {Line}, column {Column}: {Message}" : $"line {Line}: {Message}";
}
