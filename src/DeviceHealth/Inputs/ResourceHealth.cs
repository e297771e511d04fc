namespace DeviceHealth.Inputs;

/// <summary>The health of one allocated device (KEP-4680 <c>ResourceHealth</c>).</summary>
/// <param name="ResourceId">The device-plugin device ID or <c>driver/pool/device</c> for DRA.</param>
/// <param name="Health">The health.</param>
/// <param name="Message">The optional message (empty when absent).</param>
public readonly record struct ResourceHealth(string ResourceId, ResourceHealthState Health, string Message);
