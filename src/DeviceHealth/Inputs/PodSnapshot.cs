namespace DeviceHealth.Inputs;

/// <summary>
/// What an integrator observed of a Pod: phase, owners, conditions, container statuses (exit codes, restarts) and the
/// KEP-4680 <c>allocatedResourcesStatus</c>. Fed to the pod watcher (<c>Pods.PodWatcherMachine</c>).
/// </summary>
public sealed class PodSnapshot
{
    /// <summary>The namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The UID.</summary>
    public required string Uid { get; init; }

    /// <summary><c>spec.nodeName</c> (empty when unscheduled).</summary>
    public string NodeName { get; init; } = "";

    /// <summary>The object's resourceVersion.</summary>
    public string ResourceVersion { get; init; } = "";

    /// <summary>When the snapshot was observed.</summary>
    public DateTimeOffset ObservedAt { get; init; }

    /// <summary><c>status.phase</c>.</summary>
    public PodPhase Phase { get; init; } = PodPhase.Unknown;

    /// <summary><c>spec.restartPolicy</c>: <c>Always</c>, <c>OnFailure</c> or <c>Never</c>.</summary>
    public string RestartPolicy { get; init; } = "Always";

    /// <summary>True when <c>metadata.deletionTimestamp</c> is set.</summary>
    public bool Terminating { get; init; }

    /// <summary><c>metadata.ownerReferences</c>.</summary>
    public IReadOnlyList<OwnerReference> Owners { get; init; } = [];

    /// <summary><c>metadata.labels</c> (used for gang membership, for example <c>jobset.sigs.k8s.io/jobset-name</c>).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = s_noLabels;

    /// <summary><c>status.conditions</c>.</summary>
    public IReadOnlyList<PodConditionSnapshot> Conditions { get; init; } = [];

    /// <summary><c>status.containerStatuses</c>.</summary>
    public IReadOnlyList<ContainerStatusSnapshot> ContainerStatuses { get; init; } = [];

    /// <summary>Pod-level <c>status.allocatedResourcesStatus</c> (DRA claims, KEP-4680).</summary>
    public IReadOnlyList<ResourceStatus> AllocatedResourcesStatus { get; init; } = [];

    /// <summary>Device IDs bound to this pod (from PodResources <c>List</c>), when known.</summary>
    public IReadOnlyList<string> DeviceIds { get; init; } = [];

    /// <summary>The controlling owner reference, or null for a bare pod.</summary>
    public OwnerReference? Controller
    {
        get
        {
            foreach (OwnerReference owner in Owners)
            {
                if (owner.Controller)
                {
                    return owner;
                }
            }

            return null;
        }
    }

    /// <summary>A copy without a resourceVersion, so that re-evaluating it is never dropped as stale.</summary>
    internal PodSnapshot WithoutResourceVersion() => new()
    {
        Namespace = Namespace,
        Name = Name,
        Uid = Uid,
        NodeName = NodeName,
        ResourceVersion = "",
        ObservedAt = ObservedAt,
        Phase = Phase,
        RestartPolicy = RestartPolicy,
        Terminating = Terminating,
        Owners = Owners,
        Labels = Labels,
        Conditions = Conditions,
        ContainerStatuses = ContainerStatuses,
        AllocatedResourcesStatus = AllocatedResourcesStatus,
        DeviceIds = DeviceIds,
    };

    private static readonly IReadOnlyDictionary<string, string> s_noLabels = new Dictionary<string, string>();
}
