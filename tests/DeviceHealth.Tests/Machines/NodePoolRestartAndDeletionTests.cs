using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Machines;
using DeviceHealth.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Tests.Machines;

public class NodePoolRestartAndDeletionTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly NodePoolMachine _machine = new();

    private static NodePoolEvent Snap(bool marked, DateTimeOffset? episode = null) =>
        new(NodePoolEventKind.Snapshot, "n1", 8, 7, -1, marked, marked, 0, episode);

    private static string[] NodeKeys(IEnumerable<ActionIntent> actions) =>
        [.. actions.Where(a => a is CordonNode or TaintNode or SetNodeCondition).Select(a => a.IdempotencyKey)];

    /// <summary>The first process: a gap at t0, acted on at the 5-minute grace deadline.</summary>
    private string[] FirstProcessKeys()
    {
        NodePoolState s = _machine.Apply(NodePoolState.Initial, Snap(marked: false), s_t0, FleetBudget.Open).State;
        MachineResult<NodePoolState> r = _machine.Apply(s, NodePoolEvent.Tick("n1"), s_t0.AddMinutes(5), FleetBudget.Open);
        return NodeKeys(r.Actions);
    }

    /// <summary>A restarted process that first sees the node an hour later, already cordoned by DeviceHealth.</summary>
    private MachineResult<NodePoolState> RestartedProcess(bool marked, DateTimeOffset? episode)
    {
        DateTimeOffset restart = s_t0.AddHours(1);
        NodePoolState s = _machine.Apply(NodePoolState.Initial, Snap(marked, episode), restart, FleetBudget.Open).State;
        return _machine.Apply(s, NodePoolEvent.Tick("n1"), restart.AddMinutes(5), FleetBudget.Open);
    }

    [Fact]
    public void Apply_MarkedNodeWithRecoveredEpisode_EmitsTheFirstProcessKeys()
    {
        string[] before = FirstProcessKeys();

        MachineResult<NodePoolState> after = RestartedProcess(marked: true, episode: s_t0);

        // The episode's ticks are those of t0 (2026-01-01T00:00Z), not of the restart an hour later.
        string episode = s_t0.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [$"node/n1/{episode}/cordon/0", $"node/n1/{episode}/taint/0", $"node/n1/{episode}/condition-true/0"],
            before);
        Assert.Equal(before, NodeKeys(after.Actions));
        Assert.Equal((NodePoolPhase.ActionPending, s_t0), (after.State.Phase, after.State.EpisodeStart));
    }

    [Fact]
    public void Apply_MarkedNodeWithoutRecoveredEpisode_StartsANewEpisodeAtRestart()
    {
        MachineResult<NodePoolState> after = RestartedProcess(marked: true, episode: null);

        Assert.Equal(s_t0.AddHours(1), after.State.EpisodeStart);
        Assert.Empty(NodeKeys(after.Actions).Intersect(FirstProcessKeys()));
    }

    [Fact]
    public void Apply_UnmarkedNodeWithRecoveredEpisode_IgnoresIt()
    {
        // Not cordoned by DeviceHealth: the recorded episode ended (or never was ours), so a new one starts now.
        MachineResult<NodePoolState> after = RestartedProcess(marked: false, episode: s_t0);

        Assert.Equal(s_t0.AddHours(1), after.State.EpisodeStart);
        Assert.Equal(3, NodeKeys(after.Actions).Length);
        Assert.Empty(NodeKeys(after.Actions).Intersect(FirstProcessKeys()));
    }

    [Fact]
    public void Apply_RecoveredEpisodeInTheFuture_IsIgnored()
    {
        MachineResult<NodePoolState> after = RestartedProcess(marked: true, episode: s_t0.AddHours(2));

        Assert.Equal(s_t0.AddHours(1), after.State.EpisodeStart);
    }

    [Fact]
    public void Apply_Deleted_ReturnsInitialWithoutIntents()
    {
        NodePoolState s = _machine.Apply(NodePoolState.Initial, Snap(marked: false), s_t0, FleetBudget.Open).State;
        s = _machine.Apply(s, NodePoolEvent.Tick("n1"), s_t0.AddMinutes(5), FleetBudget.Open).State;
        Assert.Equal(NodePoolPhase.ActionPending, s.Phase);

        MachineResult<NodePoolState> r = _machine.Apply(s, NodePoolEvent.Deleted("n1"), s_t0.AddMinutes(6), FleetBudget.Open);

        Assert.Equal(NodePoolState.Initial, r.State);
        Assert.Empty(r.Actions);
    }

    [Fact]
    public void Controller_DeletedNodeInAction_FreesItsSlot()
    {
        // MaxInAction = min(3 nodes * 100 % = 3, MaxUnhealthyCount 1) = 1.
        FakeTimeProvider time = new(s_t0);
        NodePoolController controller = new(
            new NodePoolOptions { MaxUnhealthyPercent = 100, MaxUnhealthyCount = 1, BreakerPercent = 100 }, time);
        controller.Register(["a", "b", "c"]);
        controller.Process(new NodePoolEvent(NodePoolEventKind.Snapshot, "a", 8, 7));
        controller.Process(new NodePoolEvent(NodePoolEventKind.Snapshot, "b", 8, 7));
        time.Advance(TimeSpan.FromMinutes(5));
        IReadOnlyList<ActionIntent> first = controller.Tick();
        Assert.Equal(1, controller.NodesInAction);
        Assert.Contains(first, a => a is CordonNode { NodeName: "a" });
        Assert.Contains(first, a => a is Hold { Subject: "b", Reason: HoldReason.BudgetExhausted });

        IReadOnlyList<ActionIntent> deleted = controller.Process(NodePoolEvent.Deleted("a"));

        Assert.Empty(deleted);
        Assert.Equal(0, controller.NodesInAction);
        Assert.Equal(NodePoolState.Initial, controller.GetState("a"));

        // The freed slot goes to b; a is no longer ticked.
        IReadOnlyList<ActionIntent> second = controller.Tick();
        Assert.Contains(second, a => a is CordonNode { NodeName: "b" });
        Assert.DoesNotContain(second, a => a.IdempotencyKey.StartsWith("node/a/", StringComparison.Ordinal));
        Assert.Equal(1, controller.NodesInAction);
    }

    [Fact]
    public void Controller_DeletedNodes_ShrinkThePercentageBudget()
    {
        FakeTimeProvider time = new(s_t0);
        NodePoolController controller = new(new NodePoolOptions { MaxUnhealthyPercent = 30, BreakerPercent = 100 }, time);
        string[] nodes = [.. Enumerable.Range(0, 10).Select(i => $"n{i}")];
        controller.Register(nodes);

        // 10 nodes * 30 % = 3.
        Assert.Equal(3, controller.MaxInAction);

        for (int i = 6; i < 10; i++)
        {
            controller.Process(NodePoolEvent.Deleted(nodes[i]));
        }

        // 6 nodes * 30 % = 1.8, rounded down to 1.
        Assert.Equal(1, controller.MaxInAction);
        controller.Process(new NodePoolEvent(NodePoolEventKind.Snapshot, "n0", 8, 7));
        controller.Process(new NodePoolEvent(NodePoolEventKind.Snapshot, "n1", 8, 7));
        time.Advance(TimeSpan.FromMinutes(5));
        IReadOnlyList<ActionIntent> actions = controller.Tick();

        // Of the two degraded nodes only one may act; with the original 10 nodes both would have.
        Assert.Single(actions.OfType<CordonNode>());
        Assert.Single(actions.OfType<Hold>(), h => h.Reason == HoldReason.BudgetExhausted);
    }

    [Fact]
    public void Controller_DeletedUnknownNode_ChangesNothing()
    {
        NodePoolController controller = new(new NodePoolOptions { MaxUnhealthyPercent = 50 }, new FakeTimeProvider(s_t0));
        controller.Register(["a", "b"]);

        Assert.Empty(controller.Process(NodePoolEvent.Deleted("z")));

        // 2 nodes * 50 % = 1: the fleet still has both.
        Assert.Equal(1, controller.MaxInAction);
        Assert.Equal(0, controller.NodesInAction);
    }
}
