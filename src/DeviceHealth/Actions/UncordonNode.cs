namespace DeviceHealth.Actions;

/// <summary>Make the node schedulable again. Only emitted for cordons DeviceHealth applied itself.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record UncordonNode(string NodeName, string IdempotencyKey) : ActionIntent(IdempotencyKey);
