namespace DeviceHealth.Actions;

/// <summary>Run a remediation for a device or its node (for example a GPU reset or a node reboot).</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="NodeName">The node the device is on (may be empty when not known to the device machine).</param>
/// <param name="Kind">What to do.</param>
/// <param name="Attempt">The 1-based attempt number within the current episode.</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record RemediateDevice(
    string DeviceId,
    string NodeName,
    RemediationKind Kind,
    int Attempt,
    string IdempotencyKey) : ActionIntent(IdempotencyKey);
