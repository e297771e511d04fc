namespace DeviceHealth.Devices;

/// <summary>One input of the device machine.</summary>
/// <param name="Kind">The kind of event.</param>
/// <param name="DeviceId">The device (UUID, PCI address or DRA <c>driver/pool/device</c>); used in action keys.</param>
/// <param name="Code">The XID number or DCGM result; 0 when not applicable.</param>
/// <param name="Class">The effective fault class of a fault event (see <see cref="Signals.XidPolicy"/>).</param>
/// <param name="Sequence">The source's sequence number; events at or below the last applied one are dropped.
/// 0 means "not sequenced" and is always applied.</param>
public readonly record struct DeviceEvent(
    DeviceEventKind Kind,
    string DeviceId,
    int Code = 0,
    FaultClass Class = FaultClass.None,
    long Sequence = 0)
{
    /// <summary>A tick for a device.</summary>
    /// <param name="deviceId">The device.</param>
    /// <returns>The event.</returns>
    public static DeviceEvent Tick(string deviceId) => new(DeviceEventKind.Tick, deviceId);
}
