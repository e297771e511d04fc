using System.Globalization;
using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Machines;

namespace DeviceHealth.Nodes;

/// <summary>
/// The node device-pool machine ("health controller") as a pure function: a capacity-versus-allocatable gap starts a
/// grace timer; at the deadline the node is cordoned, tainted and flagged only if the <see cref="FleetBudget"/> allows
/// it (otherwise Blocked with the reason), then an escalation ladder of remediations runs with per-step timeouts and a
/// <c>Succeeded=False</c> shortcut; when the gap closes the node serves a probation (healthy delay) before DeviceHealth
/// lifts its own cordon and taint. Administrator cordons are never touched.
/// </summary>
public sealed class NodePoolMachine
{
    private readonly NodePoolOptions _options;
    private readonly string[] _ladder;

    /// <summary>Creates the machine.</summary>
    /// <param name="options">Settings (null: defaults).</param>
    public NodePoolMachine(NodePoolOptions? options = null)
    {
        _options = options ?? new NodePoolOptions();
        _ladder = [.. _options.Remediations];
    }

    /// <summary>The escalation ladder's template names.</summary>
    public IReadOnlyList<string> Ladder => _ladder;

    /// <summary>Applies one event.</summary>
    /// <param name="state">The current state.</param>
    /// <param name="evt">The event.</param>
    /// <param name="now">The current time.</param>
    /// <param name="budget">Whether the fleet allows a new action now.</param>
    /// <returns>The new state and the intents to apply.</returns>
    public MachineResult<NodePoolState> Apply(NodePoolState state, NodePoolEvent evt, DateTimeOffset now, FleetBudget budget)
    {
        return evt.Kind switch
        {
            NodePoolEventKind.Snapshot => OnSnapshot(state, evt, now, budget),
            NodePoolEventKind.Tick => OnTick(state, evt.NodeName, now, budget),
            NodePoolEventKind.RemediationFailed => state.Phase == NodePoolPhase.Remediating
                ? Escalate(state, evt.NodeName, now)
                : MachineResult.Quiet(state),
            NodePoolEventKind.ManualConfirmHealthy => Release(state, evt.NodeName, now),
            NodePoolEventKind.Deleted => MachineResult.Quiet(NodePoolState.Initial),
            _ => MachineResult.Quiet(state),
        };
    }

    private MachineResult<NodePoolState> OnSnapshot(NodePoolState state, NodePoolEvent evt, DateTimeOffset now, FleetBudget budget)
    {
        if (evt.ResourceVersion != 0)
        {
            if (evt.ResourceVersion <= state.LastResourceVersion)
            {
                return MachineResult.Quiet(state);
            }

            state = state with { LastResourceVersion = evt.ResourceVersion };
        }

        // Ownership follows the annotation: a cordon someone else re-applied or lifted is no longer ours.
        bool ours = evt.Unschedulable && (evt.CordonedByUs || (state.CordonedByUs && state.Phase == NodePoolPhase.ActionPending));
        state = state with { Cordoned = evt.Unschedulable, CordonedByUs = ours };
        bool consistent = evt.Capacity >= 0 && evt.Allocatable >= 0 && evt.Capacity >= evt.Allocatable
            && (evt.UnhealthyDevices < 0 || evt.Allocatable + evt.UnhealthyDevices == evt.Capacity);
        if (!consistent)
        {
            // Inconsistent snapshots never trigger action; an in-flight remediation keeps its state.
            if (state.Phase is NodePoolPhase.Nominal or NodePoolPhase.Degraded or NodePoolPhase.Blocked or NodePoolPhase.Unknown
                && state.BlockReason != HoldReason.EscalationExhausted)
            {
                DateTimeOffset since = state.Phase == NodePoolPhase.Unknown ? state.Since : now;
                return MachineResult.Quiet(state with
                {
                    Phase = NodePoolPhase.Unknown,
                    Since = since,
                    Deadline = DateTimeOffset.MinValue,
                    BlockReason = HoldReason.InconsistentSnapshot,
                });
            }

            return MachineResult.Quiet(state);
        }

        int gap = (int)Math.Min(evt.Capacity - evt.Allocatable, int.MaxValue);
        state = state with { Gap = gap };
        switch (state.Phase)
        {
            case NodePoolPhase.Nominal or NodePoolPhase.Unknown:
                if (gap == 0)
                {
                    return MachineResult.Quiet(state.Phase == NodePoolPhase.Nominal ? state : state with
                    {
                        Phase = NodePoolPhase.Nominal, Since = now, BlockReason = null,
                    });
                }

                // A node already cordoned by DeviceHealth continues the episode recorded in the cluster, so a
                // restarted controller emits the same idempotency keys; the grace period still runs from now.
                DateTimeOffset episode = ours && evt.EpisodeStart is DateTimeOffset recovered && recovered <= now
                    ? recovered
                    : now;
                NodePoolState degraded = state with
                {
                    Phase = NodePoolPhase.Degraded,
                    Since = now,
                    Deadline = now + _options.GracePeriod,
                    EpisodeStart = episode,
                    Order = -1,
                    BlockReason = null,
                };
                return now >= degraded.Deadline ? TryAct(degraded, evt.NodeName, now, budget) : MachineResult.Quiet(degraded);
            case NodePoolPhase.Degraded:
                if (gap == 0)
                {
                    return MachineResult.Quiet(state with { Phase = NodePoolPhase.Nominal, Since = now, Deadline = DateTimeOffset.MinValue });
                }

                return now >= state.Deadline ? TryAct(state, evt.NodeName, now, budget) : MachineResult.Quiet(state);
            case NodePoolPhase.Blocked:
                if (state.BlockReason == HoldReason.EscalationExhausted)
                {
                    return MachineResult.Quiet(state);
                }

                if (gap == 0)
                {
                    return MachineResult.Quiet(state with
                    {
                        Phase = NodePoolPhase.Nominal, Since = now, Deadline = DateTimeOffset.MinValue, BlockReason = null,
                    });
                }

                return TryAct(state, evt.NodeName, now, budget);
            case NodePoolPhase.ActionPending:
                if (gap == 0)
                {
                    return EnterProbation(state, now);
                }

                return evt.Unschedulable && evt.CordonedByUs ? Escalate(state, evt.NodeName, now) : MachineResult.Quiet(state);
            case NodePoolPhase.Remediating:
                return gap == 0 ? EnterProbation(state, now) : MachineResult.Quiet(state);
            case NodePoolPhase.Probation:
                return gap > 0 ? Escalate(state, evt.NodeName, now) : MachineResult.Quiet(state);
            default:
                return MachineResult.Quiet(state);
        }
    }

    private MachineResult<NodePoolState> OnTick(NodePoolState state, string node, DateTimeOffset now, FleetBudget budget)
    {
        if (now < state.Deadline && state.Phase != NodePoolPhase.Blocked)
        {
            return MachineResult.Quiet(state);
        }

        return state.Phase switch
        {
            NodePoolPhase.Degraded => TryAct(state, node, now, budget),
            NodePoolPhase.Blocked when state.BlockReason != HoldReason.EscalationExhausted => TryAct(state, node, now, budget),
            NodePoolPhase.ActionPending or NodePoolPhase.Remediating => Escalate(state, node, now),
            NodePoolPhase.Probation => Release(state, node, now),
            _ => MachineResult.Quiet(state),
        };
    }

    private MachineResult<NodePoolState> TryAct(NodePoolState state, string node, DateTimeOffset now, FleetBudget budget)
    {
        if (state.Gap < _options.GapThreshold)
        {
            return MachineResult.Quiet(state);
        }

        HoldReason? reason = state.Cordoned && !state.CordonedByUs ? HoldReason.AdminCordon : budget.BlockReason;
        if (reason is HoldReason r)
        {
            if (state.Phase == NodePoolPhase.Blocked && state.BlockReason == r)
            {
                return MachineResult.Quiet(state);
            }

            NodePoolState blocked = state with { Phase = NodePoolPhase.Blocked, Since = now, BlockReason = r };
            return new MachineResult<NodePoolState>(blocked, [
                new Hold(node, r, $"{state.Gap} unhealthy device(s) for {_options.ResourceName}; action blocked: {r}",
                    Key(node, state.EpisodeStart, "hold-" + r.ToString(), 0)),
            ]);
        }

        NodePoolState pending = state with
        {
            Phase = NodePoolPhase.ActionPending,
            Since = now,
            Deadline = now + _options.StepTimeout,
            BlockReason = null,
            CordonedByUs = true,
        };
        string message = $"{state.Gap} of the node's {_options.ResourceName} devices are unhealthy";
        return new MachineResult<NodePoolState>(pending, [
            new CordonNode(node, message, Key(node, state.EpisodeStart, "cordon", 0)),
            new TaintNode(node, _options.TaintKey, state.Gap.ToString(CultureInfo.InvariantCulture), TaintEffect.NoSchedule,
                Key(node, state.EpisodeStart, "taint", 0)),
            new SetNodeCondition(node, _options.ConditionType, ConditionStatus.True, "UnhealthyDevices", message,
                Key(node, state.EpisodeStart, "condition-true", 0)),
        ]);
    }

    private MachineResult<NodePoolState> Escalate(NodePoolState state, string node, DateTimeOffset now)
    {
        int order = state.Order + 1;
        if (order >= _ladder.Length)
        {
            NodePoolState held = state with
            {
                Phase = NodePoolPhase.Blocked,
                Since = now,
                Deadline = DateTimeOffset.MinValue,
                BlockReason = HoldReason.EscalationExhausted,
            };
            string message = $"all {_ladder.Length} remediation step(s) failed or timed out; held for a human";
            return new MachineResult<NodePoolState>(held, [
                new SetNodeCondition(node, _options.ConditionType, ConditionStatus.True, "EscalationExhausted", message,
                    Key(node, state.EpisodeStart, "condition-exhausted", 0)),
                new Hold(node, HoldReason.EscalationExhausted, message, Key(node, state.EpisodeStart, "hold-exhausted", 0)),
            ]);
        }

        NodePoolState next = state with
        {
            Phase = NodePoolPhase.Remediating,
            Since = now,
            Deadline = now + _options.StepTimeout,
            Order = order,
        };
        return new MachineResult<NodePoolState>(next, [
            new CreateRemediation(node, _ladder[order], order, Key(node, state.EpisodeStart, "remediation", order)),
        ]);
    }

    private MachineResult<NodePoolState> EnterProbation(NodePoolState state, DateTimeOffset now) =>
        MachineResult.Quiet(state with
        {
            Phase = NodePoolPhase.Probation,
            Since = now,
            Deadline = now + _options.HealthyDelay,
        });

    private MachineResult<NodePoolState> Release(NodePoolState state, string node, DateTimeOffset now)
    {
        NodePoolState nominal = state with
        {
            Phase = NodePoolPhase.Nominal,
            Since = now,
            Deadline = DateTimeOffset.MinValue,
            Order = -1,
            BlockReason = null,
            CordonedByUs = false,
        };
        if (!state.CordonedByUs)
        {
            return MachineResult.Quiet(nominal);
        }

        return new MachineResult<NodePoolState>(nominal, [
            new UncordonNode(node, Key(node, state.EpisodeStart, "uncordon", 0)),
            new RemoveNodeTaint(node, _options.TaintKey, TaintEffect.NoSchedule, Key(node, state.EpisodeStart, "untaint", 0)),
            new SetNodeCondition(node, _options.ConditionType, ConditionStatus.False, "DevicesHealthy",
                "all devices are allocatable again", Key(node, state.EpisodeStart, "condition-false", 0)),
        ]);
    }

    private static string Key(string node, DateTimeOffset episode, string what, int n) =>
        string.Create(CultureInfo.InvariantCulture, $"node/{node}/{episode.UtcTicks}/{what}/{n}");
}
