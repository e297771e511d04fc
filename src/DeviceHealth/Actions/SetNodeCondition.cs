namespace DeviceHealth.Actions;

/// <summary>Set a node status condition (the Node Problem Detector "permanent" rule shape).</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Type">The condition type, for example <c>GpuUnhealthy</c>.</param>
/// <param name="Status">The condition status.</param>
/// <param name="Reason">A CamelCase reason.</param>
/// <param name="Message">A human-readable message.</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record SetNodeCondition(
    string NodeName,
    string Type,
    ConditionStatus Status,
    string Reason,
    string Message,
    string IdempotencyKey) : ActionIntent(IdempotencyKey);
