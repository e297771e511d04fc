namespace DeviceHealth.Actions;

/// <summary>Publish a KEP-5055 device taint (in a ResourceSlice or through a DeviceTaintRule).</summary>
/// <param name="DeviceId">The device: a device-plugin ID, or <c>driver/pool/device</c> for DRA.</param>
/// <param name="Key">The taint key, for example <c>gpu.nvidia.com/xid</c>.</param>
/// <param name="Value">The taint value, for example the XID number.</param>
/// <param name="Effect">The taint effect.</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record TaintDevice(string DeviceId, string Key, string Value, TaintEffect Effect, string IdempotencyKey)
    : ActionIntent(IdempotencyKey);
