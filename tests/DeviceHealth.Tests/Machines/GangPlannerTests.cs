using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Gangs;
using DeviceHealth.Machines;

namespace DeviceHealth.Tests.Machines;

public class GangPlannerTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_AppFailure_RestartsInPlaceKeepingGeneration()
    {
        GangPlanner planner = new();

        MachineResult<GangState> r = planner.Apply("g", GangState.Initial, new GangEvent(GangEventKind.RanksFailed, [3], GangFailureCause.App), s_t0);

        RestartGang restart = Assert.IsType<RestartGang>(Assert.Single(r.Actions));
        Assert.Equal((GangRestartMode.InPlace, 1), (restart.Mode, restart.Generation));
        Assert.Equal((GangPhase.RestartingInPlace, 1, 1), (r.State.Phase, r.State.InPlaceAttempts, r.State.Restarts));
    }

    [Fact]
    public void Apply_DeviceFailure_ReplacesRanks()
    {
        MachineResult<GangState> r = new GangPlanner().Apply("g", GangState.Initial,
            new GangEvent(GangEventKind.RanksFailed, [5, 6], GangFailureCause.Device), s_t0);

        RestartGang restart = Assert.IsType<RestartGang>(Assert.Single(r.Actions));
        Assert.Equal(GangRestartMode.ReplaceRanks, restart.Mode);
        Assert.Equal([5, 6], restart.Ranks);
    }

    [Fact]
    public void Apply_NotReplaceable_BlockingRecreateWaitsForOldGeneration()
    {
        GangPlanner planner = new(new GangPlannerOptions { CanReplaceRanks = false });
        MachineResult<GangState> r = planner.Apply("g", GangState.Initial, new GangEvent(GangEventKind.RanksFailed, [0], GangFailureCause.Node), s_t0);
        Assert.Equal((GangPhase.RecreatingAll, 1, 2, 1), (r.State.Phase, r.State.Generation, r.State.PendingGeneration, r.State.LiveGenerations));

        GangState s = planner.Apply("g", r.State, new GangEvent(GangEventKind.RestartCompleted, []), s_t0).State;
        Assert.Equal(GangPhase.RecreatingAll, s.Phase);

        s = planner.Apply("g", s, new GangEvent(GangEventKind.OldGenerationGone, []), s_t0).State;
        s = planner.Apply("g", s, new GangEvent(GangEventKind.RestartCompleted, []), s_t0).State;
        Assert.Equal((GangPhase.Running, 2, 1), (s.Phase, s.Generation, s.LiveGenerations));
    }

    [Fact]
    public void Apply_BudgetSpent_FailsWithHold_DisruptionsDoNotCount()
    {
        GangPlanner planner = new(new GangPlannerOptions { MaxRestarts = 1, MaxInPlaceRestarts = 5 });
        GangState s = planner.Apply("g", GangState.Initial, new GangEvent(GangEventKind.RanksFailed, [1], GangFailureCause.Disruption), s_t0).State;
        Assert.Equal(0, s.Restarts);
        s = planner.Apply("g", s, new GangEvent(GangEventKind.RestartCompleted, []), s_t0).State;
        s = planner.Apply("g", s, new GangEvent(GangEventKind.RanksFailed, [1], GangFailureCause.App), s_t0).State;
        Assert.Equal(1, s.Restarts);

        MachineResult<GangState> r = planner.Apply("g", s, new GangEvent(GangEventKind.RanksFailed, [1], GangFailureCause.App), s_t0);

        Assert.Equal(GangPhase.Failed, r.State.Phase);
        Assert.Equal(HoldReason.RestartBudgetExhausted, Assert.IsType<Hold>(Assert.Single(r.Actions)).Reason);
    }
}

public class GangPlannerRecreateTests
{
    [Fact]
    public void Apply_RecreateWithoutBlocking_NewGenerationAtOnceTwoLiveUntilOldGone()
    {
        GangPlanner planner = new(new GangPlannerOptions { CanReplaceRanks = false, BlockingRecreate = false });

        GangState s = planner.Apply("g", GangState.Initial, new GangEvent(GangEventKind.RanksFailed, [0], GangFailureCause.Node), DateTimeOffset.UnixEpoch).State;
        Assert.Equal((2, 0, 2), (s.Generation, s.PendingGeneration, s.LiveGenerations));

        s = planner.Apply("g", s, new GangEvent(GangEventKind.OldGenerationGone, []), DateTimeOffset.UnixEpoch).State;
        Assert.Equal(1, s.LiveGenerations);
    }
}
