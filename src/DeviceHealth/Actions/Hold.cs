namespace DeviceHealth.Actions;

/// <summary>
/// A decision not to act, with its reason: the explicit "held / blocked" result of a machine. Integrators should
/// surface it (an Event or a condition) and must not retry anything because of it.
/// </summary>
/// <param name="Subject">What is held: a node name, <c>namespace/pod</c>, a device ID or a gang name.</param>
/// <param name="Reason">The machine-readable reason.</param>
/// <param name="Message">A human-readable explanation.</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record Hold(string Subject, HoldReason Reason, string Message, string IdempotencyKey)
    : ActionIntent(IdempotencyKey);
