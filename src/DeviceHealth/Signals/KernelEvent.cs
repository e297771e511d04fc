namespace DeviceHealth.Signals;

/// <summary>One device event found in a kernel log.</summary>
/// <param name="Kind">Xid or GpuLost.</param>
/// <param name="Line">The 1-based line where the event starts.</param>
/// <param name="Xid">The XID number; 0 for <see cref="KernelEventKind.GpuLost"/>.</param>
/// <param name="Pci">The PCI address as printed (<c>dddd:bb:dd</c> or with a <c>.f</c> function).</param>
/// <param name="Pid">The <c>pid=</c> field (empty when absent; may be <c>'&lt;unknown&gt;'</c>).</param>
/// <param name="ProcessName">The <c>name=</c> field (empty when absent).</param>
/// <param name="Detail">The rest of the message.</param>
/// <param name="Timestamp">The bracketed kernel timestamp when present (empty otherwise).</param>
/// <param name="RecoveryAction">For XID 154, the action it changed to (for example <c>GPU Reset Required</c>).</param>
public sealed record KernelEvent(
    KernelEventKind Kind,
    int Line,
    int Xid,
    string Pci,
    string Pid,
    string ProcessName,
    string Detail,
    string Timestamp,
    string RecoveryAction);
