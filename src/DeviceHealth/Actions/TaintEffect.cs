namespace DeviceHealth.Actions;

/// <summary>A Kubernetes taint effect (node taints and KEP-5055 device taints).</summary>
public enum TaintEffect
{
    /// <summary>Informational only (device taints); also what unknown effects are treated as.</summary>
    None,

    /// <summary>New pods are not scheduled.</summary>
    NoSchedule,

    /// <summary>The scheduler avoids the node (node taints only).</summary>
    PreferNoSchedule,

    /// <summary>Running pods that do not tolerate the taint are evicted.</summary>
    NoExecute,
}
