using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Tests.Properties;

/// <summary>The fleet bookkeeping of <see cref="NodePoolController"/> when nodes leave and rejoin the cluster.</summary>
public class NodeDeletionProperties
{
    [Property(MaxTest = 200)]
    public Property DeletionsAndRejoins_KeepBudgetBookkeepingExact(int[] script, byte nodes, byte percent)
    {
        int count = 2 + (nodes % 8);
        var options = new NodePoolOptions { MaxUnhealthyPercent = percent % 101, BreakerPercent = 100 };
        var time = new FakeTimeProvider(DeviceScript.T0);
        var controller = new NodePoolController(options, time);
        string[] names = [.. Enumerable.Range(0, count).Select(i => $"n{i}")];
        var live = new HashSet<string>(names, StringComparer.Ordinal);
        var ours = new HashSet<string>(StringComparer.Ordinal);
        controller.Register(names);
        List<string> violations = [];

        foreach (int raw in script ?? [])
        {
            uint v = (uint)raw;
            string node = names[v % (uint)count];
            time.Advance(TimeSpan.FromMinutes((v / 64) % 7));
            int inActionBefore = controller.NodesInAction;
            int maxBefore = controller.MaxInAction;
            IReadOnlyList<ActionIntent> actions;
            switch ((v / 16) % 4)
            {
                case 0:
                    // The node (re)appears with a gap of 0 or 1; the integrator reports its own cordons back.
                    int gap = (int)((v / 1024) % 2);
                    live.Add(node);
                    bool cordoned = ours.Contains(node);
                    actions = controller.Process(new NodePoolEvent(NodePoolEventKind.Snapshot, node, 8, 8 - gap, gap,
                        cordoned, cordoned));
                    break;
                case 1:
                    live.Remove(node);
                    ours.Remove(node);
                    actions = controller.Process(NodePoolEvent.Deleted(node));
                    if (actions.Count > 0 || controller.GetState(node) != NodePoolState.Initial)
                    {
                        violations.Add($"deleting {node} left state or emitted {actions.Count} action(s)");
                    }

                    break;
                default:
                    actions = controller.Tick();
                    break;
            }

            int cordons = actions.OfType<CordonNode>().Count();
            if (cordons > 0 && inActionBefore + cordons > maxBefore)
            {
                violations.Add($"{cordons} cordon(s) with {inActionBefore} of {maxBefore} slots taken");
            }

            ours.UnionWith(actions.OfType<CordonNode>().Select(c => c.NodeName));
            ours.ExceptWith(actions.OfType<UncordonNode>().Select(u => u.NodeName));

            // Slots held = live nodes in ActionPending or Remediating; the budget follows the live fleet size:
            // floor(live * percent / 100), at least 1 when the percentage is positive.
            int held = live.Count(n => controller.GetState(n).InAction);
            int expectedMax = live.Count * options.MaxUnhealthyPercent / 100;
            expectedMax = expectedMax == 0 && options.MaxUnhealthyPercent > 0 ? 1 : expectedMax;
            if (controller.NodesInAction != held || controller.MaxInAction != expectedMax)
            {
                violations.Add($"in action {controller.NodesInAction} (expected {held}), max {controller.MaxInAction} "
                    + $"(expected {expectedMax}) with {live.Count} live node(s)");
            }
        }

        return (violations.Count == 0).Label(string.Join("; ", violations));
    }
}
