using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Machines;
using DeviceHealth.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Tests.Machines;

public class NodePoolMachineTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly NodePoolMachine _machine = new();

    private static NodePoolEvent Snap(long cap, long alloc, bool cordoned = false, bool ours = false, int unhealthy = -1) =>
        new(NodePoolEventKind.Snapshot, "n1", cap, alloc, unhealthy, cordoned, ours);

    [Fact]
    public void Apply_GapStartsTimer_ClosesBeforeDeadline_BackToNominal()
    {
        NodePoolState s = _machine.Apply(NodePoolState.Initial, Snap(8, 7), s_t0, FleetBudget.Open).State;
        Assert.Equal((NodePoolPhase.Degraded, s_t0.AddMinutes(5), 1), (s.Phase, s.Deadline, s.Gap));

        s = _machine.Apply(s, Snap(8, 8), s_t0.AddMinutes(4), FleetBudget.Open).State;
        Assert.Equal(NodePoolPhase.Nominal, s.Phase);
    }

    [Fact]
    public void Apply_RepeatedGap_DoesNotMoveDeadline()
    {
        NodePoolState s = _machine.Apply(NodePoolState.Initial, Snap(8, 7), s_t0, FleetBudget.Open).State;
        NodePoolState again = _machine.Apply(s, Snap(8, 6), s_t0.AddMinutes(2), FleetBudget.Open).State;

        Assert.Equal(s.Deadline, again.Deadline);
        Assert.Equal(2, again.Gap);
    }

    [Fact]
    public void Apply_Deadline_CordonTaintCondition_ThenLadderThenProbationThenUncordon()
    {
        NodePoolState s = _machine.Apply(NodePoolState.Initial, Snap(8, 7), s_t0, FleetBudget.Open).State;
        MachineResult<NodePoolState> r = _machine.Apply(s, NodePoolEvent.Tick("n1"), s_t0.AddMinutes(5), FleetBudget.Open);
        Assert.Equal(NodePoolPhase.ActionPending, r.State.Phase);
        Assert.Equal([typeof(CordonNode), typeof(TaintNode), typeof(SetNodeCondition)], r.Actions.Select(a => a.GetType()));

        r = _machine.Apply(r.State, Snap(8, 7, cordoned: true, ours: true), s_t0.AddMinutes(6), FleetBudget.Open);
        CreateRemediation step0 = Assert.IsType<CreateRemediation>(Assert.Single(r.Actions));
        Assert.Equal(("reset-gpus", 0), (step0.Template, step0.Order));

        // Step timeout (15 min) moves to the next step.
        r = _machine.Apply(r.State, NodePoolEvent.Tick("n1"), s_t0.AddMinutes(21), FleetBudget.Open);
        Assert.Equal(("reboot-node", 1), (((CreateRemediation)r.Actions[0]).Template, ((CreateRemediation)r.Actions[0]).Order));

        r = _machine.Apply(r.State, Snap(8, 8, cordoned: true, ours: true), s_t0.AddMinutes(30), FleetBudget.Open);
        Assert.Equal(NodePoolPhase.Probation, r.State.Phase);

        r = _machine.Apply(r.State, NodePoolEvent.Tick("n1"), s_t0.AddMinutes(40), FleetBudget.Open);
        Assert.Equal(NodePoolPhase.Nominal, r.State.Phase);
        Assert.Equal([typeof(UncordonNode), typeof(RemoveNodeTaint), typeof(SetNodeCondition)], r.Actions.Select(a => a.GetType()));
    }

    [Fact]
    public void Apply_LadderExhausted_BlockedWithHold()
    {
        NodePoolState s = _machine.Apply(NodePoolState.Initial, Snap(8, 7), s_t0, FleetBudget.Open).State;
        s = _machine.Apply(s, NodePoolEvent.Tick("n1"), s_t0.AddMinutes(5), FleetBudget.Open).State;
        s = _machine.Apply(s, Snap(8, 7, true, true), s_t0.AddMinutes(6), FleetBudget.Open).State;
        s = _machine.Apply(s, new NodePoolEvent(NodePoolEventKind.RemediationFailed, "n1"), s_t0.AddMinutes(7), FleetBudget.Open).State;

        MachineResult<NodePoolState> r = _machine.Apply(s, new NodePoolEvent(NodePoolEventKind.RemediationFailed, "n1"), s_t0.AddMinutes(8), FleetBudget.Open);

        Assert.Equal((NodePoolPhase.Blocked, HoldReason.EscalationExhausted), (r.State.Phase, r.State.BlockReason!.Value));
        Assert.Contains(r.Actions, a => a is Hold { Reason: HoldReason.EscalationExhausted });
    }

    [Fact]
    public void Apply_BudgetBlocks_BlockedWithReasonThenActsWhenAllowed()
    {
        NodePoolState s = _machine.Apply(NodePoolState.Initial, Snap(8, 7), s_t0, FleetBudget.Open).State;
        MachineResult<NodePoolState> r = _machine.Apply(s, NodePoolEvent.Tick("n1"), s_t0.AddMinutes(5), new FleetBudget(HoldReason.Paused));
        Assert.Equal(HoldReason.Paused, Assert.IsType<Hold>(Assert.Single(r.Actions)).Reason);

        MachineResult<NodePoolState> again = _machine.Apply(r.State, NodePoolEvent.Tick("n1"), s_t0.AddMinutes(6), new FleetBudget(HoldReason.Paused));
        Assert.Empty(again.Actions);

        r = _machine.Apply(again.State, NodePoolEvent.Tick("n1"), s_t0.AddMinutes(7), FleetBudget.Open);
        Assert.Equal(NodePoolPhase.ActionPending, r.State.Phase);
    }

    [Fact]
    public void Apply_AdminCordon_NeverTouched()
    {
        NodePoolState s = _machine.Apply(NodePoolState.Initial, Snap(8, 7, cordoned: true, ours: false), s_t0, FleetBudget.Open).State;
        MachineResult<NodePoolState> r = _machine.Apply(s, NodePoolEvent.Tick("n1"), s_t0.AddMinutes(5), FleetBudget.Open);

        Assert.Equal(HoldReason.AdminCordon, r.State.BlockReason);
        r = _machine.Apply(r.State, new NodePoolEvent(NodePoolEventKind.ManualConfirmHealthy, "n1"), s_t0.AddMinutes(6), FleetBudget.Open);
        Assert.DoesNotContain(r.Actions, a => a is UncordonNode);
    }

    [Fact]
    public void Apply_InconsistentSnapshot_UnknownWithoutAction()
    {
        // allocatable 7 + unhealthy 2 != capacity 8.
        MachineResult<NodePoolState> r = _machine.Apply(NodePoolState.Initial, Snap(8, 7, unhealthy: 2), s_t0, FleetBudget.Open);

        Assert.Equal((NodePoolPhase.Unknown, HoldReason.InconsistentSnapshot), (r.State.Phase, r.State.BlockReason!.Value));
        Assert.Empty(r.Actions);
    }

    [Fact]
    public void Controller_MaxUnhealthy_LimitsNodesInAction()
    {
        FakeTimeProvider time = new(s_t0);
        NodePoolController controller = new(new NodePoolOptions { MaxUnhealthyPercent = 20, BreakerPercent = 100 }, time);
        string[] nodes = [.. Enumerable.Range(0, 10).Select(i => $"n{i}")];
        controller.Register(nodes);
        foreach (string n in nodes)
        {
            controller.Process(new NodePoolEvent(NodePoolEventKind.Snapshot, n, 8, 7));
        }

        time.Advance(TimeSpan.FromMinutes(5));
        IReadOnlyList<ActionIntent> actions = controller.Tick();

        // 20 % of 10 nodes = 2 may act; the other 8 are held with BudgetExhausted.
        Assert.Equal(2, controller.NodesInAction);
        Assert.Equal(2, actions.OfType<CordonNode>().Count());
        Assert.Equal(8, actions.OfType<Hold>().Count(h => h.Reason == HoldReason.BudgetExhausted));
    }

    [Fact]
    public void Controller_StormBreaker_OpensAndCoolsDown()
    {
        FakeTimeProvider time = new(s_t0);
        NodePoolController controller = new(new NodePoolOptions { MaxUnhealthyPercent = 100, BreakerPercent = 30 }, time);
        string[] nodes = [.. Enumerable.Range(0, 10).Select(i => $"n{i}")];
        controller.Register(nodes);
        foreach (string n in nodes)
        {
            controller.Process(new NodePoolEvent(NodePoolEventKind.Snapshot, n, 8, 7));
        }

        time.Advance(TimeSpan.FromMinutes(5));
        IReadOnlyList<ActionIntent> actions = controller.Tick();

        // 30 % of 10 = 3 cordons per window; the 4th trips the breaker.
        Assert.Equal(3, actions.OfType<CordonNode>().Count());
        Assert.Equal(7, actions.OfType<Hold>().Count(h => h.Reason == HoldReason.StormCooldown));
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(3, controller.Tick().OfType<CordonNode>().Count());
    }

    [Fact]
    public void Controller_Pause_BlocksNewButLetsRunningContinue()
    {
        FakeTimeProvider time = new(s_t0);
        NodePoolController controller = new(new NodePoolOptions { MaxUnhealthyPercent = 100, BreakerPercent = 100 }, time);
        controller.Register(["a", "b"]);
        controller.Process(new NodePoolEvent(NodePoolEventKind.Snapshot, "a", 8, 7));
        time.Advance(TimeSpan.FromMinutes(5));
        controller.Tick();
        controller.Process(new NodePoolEvent(NodePoolEventKind.Snapshot, "a", 8, 7, -1, true, true));
        controller.Process(new NodePoolEvent(NodePoolEventKind.Snapshot, "b", 8, 7));
        controller.RequestPause("maintenance");
        time.Advance(TimeSpan.FromMinutes(15));

        IReadOnlyList<ActionIntent> actions = controller.Tick();

        Assert.Contains(actions, a => a is CreateRemediation { NodeName: "a", Order: 1 });
        Assert.Contains(actions, a => a is Hold { Subject: "b", Reason: HoldReason.Paused });
        Assert.DoesNotContain(actions, a => a is CordonNode);
    }
}
