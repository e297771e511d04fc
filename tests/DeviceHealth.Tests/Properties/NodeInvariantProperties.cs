using DeviceHealth.Actions;
using DeviceHealth.Nodes;
using DeviceHealth.Observability;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeviceHealth.Tests.Properties;

/// <summary>Invariants 1, 2, 3, 6, 9, 10 and 11 on the node device-pool machine and its fleet controller.</summary>
public class NodeInvariantProperties
{
    private static NodeFleetHarness Run(int[] script, byte nodes, byte percent, byte breaker)
    {
        NodeFleetHarness h = new(2 + (nodes % 10), percent % 101, 1 + (breaker % 100));
        h.Run(script);
        return h;
    }

    [Property(MaxTest = 200)]
    public Property BudgetPauseOwnershipConservation_HoldOnEverySchedule(int[] script, byte nodes, byte percent, byte breaker)
    {
        // Invariants 1 (budget), 2 (no new action while paused or upgrading), 10 (ownership), 11 (conservation):
        // the harness records a violation at the step where any of them breaks.
        NodeFleetHarness h = Run(script, nodes, percent, breaker);

        return (h.Violations.Count == 0).Label(string.Join("; ", h.Violations));
    }

    [Property(MaxTest = 200)]
    public bool Budget_CordonsInAnyBreakerWindowStayUnderLimit(int[] script, byte nodes, byte breaker)
    {
        // Invariant 1, breaker half: no more than breakerPct of the nodes are cordoned within any window.
        NodeFleetHarness h = Run(script, nodes, 100, breaker);
        int limit = Math.Max(1, h.Nodes * h.Options.BreakerPercent / 100);
        List<DateTimeOffset> cordons = [.. h.Log.Where(l => l.Action is CordonNode).Select(l => l.At)];
        for (int i = 0; i < cordons.Count; i++)
        {
            if (cordons.Count(c => c >= cordons[i] && c - cordons[i] <= h.Options.BreakerWindow) > limit)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 200)]
    public bool MonotoneEscalation_LadderOrdersIncreaseWithinEpisode(int[] script, byte nodes)
    {
        // Invariant 9: per node, remediation steps go 0, 1, ... within an episode; an episode ends with a release.
        NodeFleetHarness h = Run(script, nodes, 100, 99);
        Dictionary<string, int> last = [];
        foreach ((_, _, ActionIntent a) in h.Log)
        {
            switch (a)
            {
                case CreateRemediation r:
                    if (r.Order != last.GetValueOrDefault(r.NodeName, -1) + 1)
                    {
                        return false;
                    }

                    last[r.NodeName] = r.Order;
                    break;
                case CordonNode c:
                    last[c.NodeName] = -1;
                    break;
            }
        }

        return true;
    }

    [Property(MaxTest = 200)]
    public Property Liveness_NoNodeLeftDegradedPastItsDeadline(int[] script, byte nodes)
    {
        // Invariant 3: after the script, ticking past the grace period leaves every node with a gap either acting,
        // blocked with a reason, in probation, or unknown (inconsistent data) - never silently Degraded.
        NodeFleetHarness h = Run(script, nodes, 100, 99);
        h.Time.Advance(h.Options.GracePeriod);
        h.Controller.Tick();
        List<string> limbo = [];
        for (int i = 0; i < h.Nodes; i++)
        {
            NodePoolState s = h.Controller.GetState(NodeFleetHarness.Name(i));
            if (s.Phase == NodePoolPhase.Degraded && s.Gap >= h.Options.GapThreshold)
            {
                limbo.Add(NodeFleetHarness.Name(i));
            }

            if (s.Phase == NodePoolPhase.Blocked && s.BlockReason is null)
            {
                limbo.Add(NodeFleetHarness.Name(i) + " blocked without reason");
            }
        }

        return (limbo.Count == 0).Label(string.Join(", ", limbo));
    }

    [Property(MaxTest = 200)]
    public bool OrderRobustness_SameTimeSnapshotsOfDifferentNodesCommute(byte[] gaps, int seed)
    {
        // Invariant 6: snapshots of different nodes at the same instant, applied in any order, give the same
        // multiset of node phases (which node gets the last budget slot may differ, the fleet's class does not).
        gaps = gaps is { Length: > 0 } ? gaps : [0];
        int n = Math.Min(gaps.Length, 8);
        int[] order = [.. Enumerable.Range(0, n).OrderBy(i => (i * 7919) ^ seed)];
        string[] phasesA = Play(gaps, n, [.. Enumerable.Range(0, n)]);
        string[] phasesB = Play(gaps, n, order);
        return phasesA.SequenceEqual(phasesB);
    }

    private static string[] Play(byte[] gaps, int n, int[] order)
    {
        NodeFleetHarness h = new(n, 50, 100);
        foreach (int i in order)
        {
            h.Controller.Process(new NodePoolEvent(NodePoolEventKind.Snapshot, NodeFleetHarness.Name(i), 8, 8 - (gaps[i] % 3), gaps[i] % 3));
        }

        h.Time.Advance(TimeSpan.FromMinutes(5));
        h.Controller.Tick();
        return [.. Enumerable.Range(0, n).Select(i => h.Controller.GetState(NodeFleetHarness.Name(i)).Phase.ToString()).Order()];
    }

    [Property(MaxTest = 200)]
    public bool MonotoneTimers_RepeatedGapNeverMovesDeadline(byte[] gaps)
    {
        // Invariant 7 on nodes: repeated gap snapshots keep the grace deadline; only a closed gap cancels it.
        NodePoolMachine m = new();
        NodePoolState s = NodePoolState.Initial;
        DateTimeOffset t = DeviceScript.T0;
        foreach (byte g in gaps ?? [])
        {
            t += TimeSpan.FromSeconds(10);
            NodePoolState next = m.Apply(s, new NodePoolEvent(NodePoolEventKind.Snapshot, "n", 8, 8 - (g % 3)), t, new FleetBudget(HoldReason.Paused)).State;
            if (s.Phase == NodePoolPhase.Degraded && next.Phase == NodePoolPhase.Degraded && (next.Deadline != s.Deadline || next.Since != s.Since))
            {
                return false;
            }

            s = next;
        }

        return true;
    }

    [Property(MaxTest = 200)]
    public bool Diagram_EveryNodePhaseChangeIsDocumented(int[] script, byte nodes)
    {
        HashSet<(string, string)> edges = [.. MermaidExporter.Transitions(MachineKind.NodePool).Select(t => (t.From, t.To))];
        NodeFleetHarness h = new(2 + (nodes % 6), 50, 50);
        bool ok = true;
        h.Controller.Transitioned += (_, e) =>
        {
            if (e.From.Phase != e.To.Phase && !edges.Contains((e.From.Phase.ToString(), e.To.Phase.ToString())))
            {
                ok = false;
            }
        };
        h.Run(script);
        return ok;
    }
}
