namespace DeviceHealth.Actions;

/// <summary>Remove a node taint that DeviceHealth added earlier (matched by key and effect).</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Key">The taint key.</param>
/// <param name="Effect">The taint effect.</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record RemoveNodeTaint(string NodeName, string Key, TaintEffect Effect, string IdempotencyKey)
    : ActionIntent(IdempotencyKey);
