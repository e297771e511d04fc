using DeviceHealth.Actions;

namespace DeviceHealth.Signals;

/// <summary>A KEP-5055 device taint read from a ResourceSlice.</summary>
/// <param name="Driver">The slice's driver.</param>
/// <param name="Pool">The pool name.</param>
/// <param name="Device">The device name.</param>
/// <param name="Key">The taint key.</param>
/// <param name="Value">The taint value (empty when absent).</param>
/// <param name="Effect">The effect; unknown effects are read as <see cref="TaintEffect.None"/>, as KEP-5055 requires.</param>
public readonly record struct DeviceTaintInfo(string Driver, string Pool, string Device, string Key, string Value, TaintEffect Effect)
{
    /// <summary>The device ID in the KEP-4680 form <c>driver/pool/device</c>.</summary>
    public string DeviceId => $"{Driver}/{Pool}/{Device}";
}
