using DeviceHealth.Devices;

namespace DeviceHealth.Signals;

/// <summary>One row of the XID catalog.</summary>
/// <param name="Xid">The XID number.</param>
/// <param name="Mnemonic">NVIDIA's mnemonic.</param>
/// <param name="Summary">A one-line summary.</param>
/// <param name="Class">The proposed fault class.</param>
/// <param name="ImmediateAction">NVIDIA's immediate action bucket (for example <c>RESET_GPU</c>; empty when none).</param>
/// <param name="DevicePluginIgnores">True when the NVIDIA device plugin skips this XID by default.</param>
public sealed record XidInfo(
    int Xid,
    string Mnemonic,
    string Summary,
    FaultClass Class,
    string ImmediateAction,
    bool DevicePluginIgnores);
