namespace DeviceHealth.Actions;

/// <summary>Evict a pod through the Eviction API (which honours PodDisruptionBudgets).</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Uid">The pod UID, for the eviction's delete options precondition.</param>
/// <param name="Reason">Why, for events and logs.</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record EvictPod(string Namespace, string Name, string Uid, string Reason, string IdempotencyKey)
    : ActionIntent(IdempotencyKey);
