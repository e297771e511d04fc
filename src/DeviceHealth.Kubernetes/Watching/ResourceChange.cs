namespace DeviceHealth.Kubernetes.Watching;

/// <summary>What happened to a watched object.</summary>
internal enum ResourceChangeKind
{
    /// <summary>The object is new or changed (a watch ADDED or MODIFIED, or an object found by a relist).</summary>
    Upserted,

    /// <summary>The object is gone (a watch DELETED, or missing from a relist).</summary>
    Deleted,

    /// <summary>A list completed: every object of the resource has been delivered since the last one.</summary>
    Synced,
}

/// <summary>One change delivered by a <see cref="ResourceWatcher{T, TList}"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Object">The object (its last known state for <see cref="ResourceChangeKind.Deleted"/>); null for
/// <see cref="ResourceChangeKind.Synced"/>.</param>
internal readonly record struct ResourceChange<T>(ResourceChangeKind Kind, T? Object)
    where T : class;
