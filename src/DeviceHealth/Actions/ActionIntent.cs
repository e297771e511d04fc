namespace DeviceHealth.Actions;

/// <summary>
/// An action a state machine asks its embedding controller to perform. Intents are plain data: the machine never
/// talks to Kubernetes itself. The controller applies them (for example through KubernetesClient) and must treat
/// <see cref="IdempotencyKey"/> as the identity of the action, so that replaying an event log never applies the same
/// action twice.
/// </summary>
/// <param name="IdempotencyKey">A stable key: the same decision always produces the same key.</param>
public abstract record ActionIntent(string IdempotencyKey)
{
    /// <summary>The annotation an integrator sets on a node it cordons or taints on behalf of DeviceHealth.</summary>
    /// <remarks>The node machines only undo cordons and taints whose owner is DeviceHealth (see
    /// <see cref="Inputs.NodeSnapshot.CordonedByDeviceHealth"/>).</remarks>
    public const string OwnerAnnotation = "devicehealth.kubekit.dev/owner";

    /// <summary>The value of <see cref="OwnerAnnotation"/> written by integrators.</summary>
    public const string OwnerValue = "devicehealth";
}
