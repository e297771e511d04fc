using System.Runtime.InteropServices;
using DeviceHealth.Actions;

namespace DeviceHealth.Nodes;

/// <summary>The state of one node's device pool.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Gap">Capacity minus allocatable in the last consistent snapshot.</param>
/// <param name="Since">When the phase was entered.</param>
/// <param name="Deadline">The grace deadline, step timeout or probation end (<see cref="DateTimeOffset.MinValue"/> when none).</param>
/// <param name="Order">The ladder step running (Remediating), or the last one run; -1 before the first.</param>
/// <param name="BlockReason">Why the node is Blocked (or Unknown).</param>
/// <param name="EpisodeStart">When the current episode (first gap) began.</param>
/// <param name="Cordoned">Whether the last snapshot showed the node unschedulable.</param>
/// <param name="CordonedByUs">Whether DeviceHealth owns the node's cordon and taint.</param>
/// <param name="LastResourceVersion">The last applied resourceVersion (0 when unknown).</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct NodePoolState(
    NodePoolPhase Phase,
    int Gap,
    DateTimeOffset Since,
    DateTimeOffset Deadline,
    int Order,
    HoldReason? BlockReason,
    DateTimeOffset EpisodeStart,
    bool Cordoned,
    bool CordonedByUs,
    ulong LastResourceVersion)
{
    /// <summary>The initial state.</summary>
    public static NodePoolState Initial => new(NodePoolPhase.Nominal, 0, DateTimeOffset.MinValue, DateTimeOffset.MinValue,
        -1, null, DateTimeOffset.MinValue, false, false, 0);

    /// <summary>Whether the node counts against the disruption budget (actions requested or running).</summary>
    public bool InAction => Phase is NodePoolPhase.ActionPending or NodePoolPhase.Remediating;
}
