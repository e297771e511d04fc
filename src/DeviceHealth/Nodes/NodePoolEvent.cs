using System.Globalization;
using DeviceHealth.Inputs;

namespace DeviceHealth.Nodes;

/// <summary>One input of the node device-pool machine.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="NodeName">The node.</param>
/// <param name="Capacity">Capacity of the watched resource (snapshots).</param>
/// <param name="Allocatable">Allocatable of the watched resource (snapshots).</param>
/// <param name="UnhealthyDevices">Devices the device machines (or PodResources) report unhealthy; -1 when not known.
/// When known, <c>allocatable + unhealthy == capacity</c> must hold, or the snapshot is inconsistent.</param>
/// <param name="Unschedulable">Whether the node is cordoned.</param>
/// <param name="CordonedByUs">Whether the cordon carries DeviceHealth's owner annotation.</param>
/// <param name="ResourceVersion">The resourceVersion as a number; 0 when not known (always applied).</param>
/// <param name="EpisodeStart">The start of the node's current episode recovered from the cluster (for example from the
/// idempotency keys DeviceHealth recorded on the node); null when not known. It is used only when a node that the
/// machine sees as healthy arrives with a gap and already cordoned by DeviceHealth (<paramref name="CordonedByUs"/>),
/// so that a restarted controller re-emits the intents of the episode under the same idempotency keys. A value
/// later than the event's time is ignored.</param>
public readonly record struct NodePoolEvent(
    NodePoolEventKind Kind,
    string NodeName,
    long Capacity = 0,
    long Allocatable = 0,
    int UnhealthyDevices = -1,
    bool Unschedulable = false,
    bool CordonedByUs = false,
    ulong ResourceVersion = 0,
    DateTimeOffset? EpisodeStart = null)
{
    /// <summary>Builds a snapshot event from a <see cref="NodeSnapshot"/>.</summary>
    /// <param name="node">The node.</param>
    /// <param name="resourceName">The extended resource, for example <c>nvidia.com/gpu</c>.</param>
    /// <param name="unhealthyDevices">Unhealthy devices known from other sources, or -1.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static NodePoolEvent FromSnapshot(NodeSnapshot node, string resourceName, int unhealthyDevices = -1)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(resourceName);
        long capacity = node.Capacity.TryGetValue(resourceName, out long c) ? c : 0;
        long allocatable = node.Allocatable.TryGetValue(resourceName, out long a) ? a : 0;
        ulong rv = ulong.TryParse(node.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v : 0;
        return new NodePoolEvent(NodePoolEventKind.Snapshot, node.Name, capacity, allocatable, unhealthyDevices,
            node.Unschedulable, node.CordonedByDeviceHealth, rv);
    }

    /// <summary>A tick for a node.</summary>
    /// <param name="nodeName">The node.</param>
    /// <returns>The event.</returns>
    public static NodePoolEvent Tick(string nodeName) => new(NodePoolEventKind.Tick, nodeName);

    /// <summary>A node that left the cluster: its state is dropped and it no longer counts in the fleet.</summary>
    /// <param name="nodeName">The node.</param>
    /// <returns>The event.</returns>
    public static NodePoolEvent Deleted(string nodeName) => new(NodePoolEventKind.Deleted, nodeName);
}
