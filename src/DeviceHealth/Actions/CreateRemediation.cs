namespace DeviceHealth.Actions;

/// <summary>Create the remediation of one step of a node's escalation ladder (a NodeHealthCheck-style CR).</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Template">The remediation template name of this step.</param>
/// <param name="Order">The 0-based step of the ladder; strictly increases within an episode.</param>
/// <param name="IdempotencyKey">The action's identity.</param>
public sealed record CreateRemediation(string NodeName, string Template, int Order, string IdempotencyKey)
    : ActionIntent(IdempotencyKey);
