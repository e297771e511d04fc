namespace DeviceHealth.Kubernetes.Applying;

/// <summary>The result of applying one action intent.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Detail">A short human-readable explanation.</param>
public readonly record struct ActionResult(ActionOutcome Outcome, string Detail);
