namespace DeviceHealth.Actions;

/// <summary>Delete a pod so that its controller owner recreates it. Apply with a UID precondition.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Uid">The pod UID; use it as <c>preconditions.uid</c> so a replacement is never deleted.</param>
/// <param name="Reason">Why, for events and logs.</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record DeletePod(string Namespace, string Name, string Uid, string Reason, string IdempotencyKey)
    : ActionIntent(IdempotencyKey);
