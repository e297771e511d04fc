namespace DeviceHealth.Actions;

/// <summary>Add (or overwrite) a node taint with this key and effect.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Key">The taint key, for example <c>devicehealth.kubekit.dev/gpu-unhealthy</c>.</param>
/// <param name="Value">The taint value (may be empty).</param>
/// <param name="Effect">The taint effect.</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record TaintNode(string NodeName, string Key, string Value, TaintEffect Effect, string IdempotencyKey)
    : ActionIntent(IdempotencyKey);
