namespace DeviceHealth.Actions;

/// <summary>Mark the node unschedulable (<c>spec.unschedulable = true</c>) and record DeviceHealth as the owner.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Reason">Why, for events and logs.</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record CordonNode(string NodeName, string Reason, string IdempotencyKey) : ActionIntent(IdempotencyKey);
