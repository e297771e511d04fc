namespace DeviceHealth.Signals;

/// <summary>The kinds of kernel log event the parser reports.</summary>
public enum KernelEventKind
{
    /// <summary>An <c>NVRM: Xid</c> line.</summary>
    Xid,

    /// <summary>A "fallen off the bus" message without an XID line (newer drivers print it over several lines).</summary>
    GpuLost,
}
