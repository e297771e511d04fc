using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Devices;
using DeviceHealth.Machines;
using DeviceHealth.Signals;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Tests.Machines;

public class DeviceHealthMachineTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly DeviceHealthMachine _machine = new();

    private static DeviceEvent Xid(int code, FaultClass cls, long seq = 0) => new(DeviceEventKind.Xid, "gpu0", code, cls, seq);

    [Fact]
    public void Apply_FatalXid_UnhealthyWithNoScheduleTaint()
    {
        MachineResult<DeviceState> r = _machine.Apply(DeviceState.Initial, Xid(79, FaultClass.NodeReboot), s_t0);

        Assert.Equal((DevicePhase.Unhealthy, FaultClass.NodeReboot, s_t0), (r.State.Phase, r.State.Class, r.State.Since));
        TaintDevice taint = Assert.IsType<TaintDevice>(Assert.Single(r.Actions));
        Assert.Equal(("gpu0", TaintEffect.NoSchedule, "node-reboot"), (taint.DeviceId, taint.Effect, taint.Value));
    }

    [Fact]
    public void Apply_FourAppXids_StaysSuspect_FifthMakesUnhealthyApp()
    {
        DeviceState s = DeviceState.Initial;
        for (int i = 0; i < 4; i++)
        {
            s = _machine.Apply(s, Xid(13, FaultClass.App), s_t0.AddHours(i)).State;
            Assert.Equal(DevicePhase.Suspect, s.Phase);
        }

        Assert.Equal(4, s.Count);
        Assert.Equal(s_t0.AddHours(24), s.Deadline);
        s = _machine.Apply(s, Xid(13, FaultClass.App), s_t0.AddHours(5)).State;
        Assert.Equal((DevicePhase.Unhealthy, FaultClass.App), (s.Phase, s.Class));
    }

    [Fact]
    public void Apply_SuspectWindowExpires_BackToHealthy()
    {
        DeviceState s = _machine.Apply(DeviceState.Initial, Xid(31, FaultClass.App), s_t0).State;

        s = _machine.Apply(s, DeviceEvent.Tick("gpu0"), s_t0.AddHours(23)).State;
        Assert.Equal(DevicePhase.Suspect, s.Phase);
        s = _machine.Apply(s, DeviceEvent.Tick("gpu0"), s_t0.AddHours(24)).State;
        Assert.Equal(DevicePhase.Healthy, s.Phase);
    }

    [Fact]
    public void Apply_Xid45AfterFatal_InheritsClass_AloneIsApp()
    {
        DeviceState alone = _machine.Apply(DeviceState.Initial, Xid(45, FaultClass.FollowPreceding), s_t0).State;
        Assert.Equal(DevicePhase.Suspect, alone.Phase);

        DeviceState s = _machine.Apply(DeviceState.Initial, Xid(48, FaultClass.DeviceReset), s_t0).State;
        MachineResult<DeviceState> r = _machine.Apply(s, Xid(45, FaultClass.FollowPreceding), s_t0.AddSeconds(1));
        Assert.Equal((DevicePhase.Unhealthy, FaultClass.DeviceReset, s_t0), (r.State.Phase, r.State.Class, r.State.Since));
        Assert.Empty(r.Actions);
    }

    [Fact]
    public void Apply_InfrastructureEvents_NeverUnhealthy()
    {
        DeviceState s = _machine.Apply(DeviceState.Initial, new DeviceEvent(DeviceEventKind.PluginRestarted, "gpu0"), s_t0).State;
        Assert.Equal(DevicePhase.Unknown, s.Phase);

        s = _machine.Apply(s, new DeviceEvent(DeviceEventKind.Healthy, "gpu0"), s_t0.AddSeconds(5)).State;
        Assert.Equal(DevicePhase.Healthy, s.Phase);

        DeviceState bad = _machine.Apply(DeviceState.Initial, Xid(79, FaultClass.NodeReboot), s_t0).State;
        DeviceState after = _machine.Apply(bad, new DeviceEvent(DeviceEventKind.KubeletRestarted, "gpu0"), s_t0.AddSeconds(1)).State;
        Assert.Equal(bad, after);
    }

    [Fact]
    public void Apply_FullEpisode_DrainRemediateRecover()
    {
        // Defaults: min unhealthy 1 min, drain timeout 10 min, healthy delay 10 min.
        DeviceState s = _machine.Apply(DeviceState.Initial, Xid(48, FaultClass.DeviceReset), s_t0).State;
        s = _machine.Apply(s, DeviceEvent.Tick("gpu0"), s_t0.AddMinutes(1)).State;
        Assert.Equal(DevicePhase.Draining, s.Phase);

        MachineResult<DeviceState> r = _machine.Apply(s, new DeviceEvent(DeviceEventKind.PodsGone, "gpu0"), s_t0.AddMinutes(2));
        RemediateDevice reset = Assert.IsType<RemediateDevice>(Assert.Single(r.Actions));
        Assert.Equal((RemediationKind.ResetGpu, 1), (reset.Kind, reset.Attempt));

        s = _machine.Apply(r.State, new DeviceEvent(DeviceEventKind.RemediationSucceeded, "gpu0"), s_t0.AddMinutes(5)).State;
        Assert.Equal((DevicePhase.Recovering, s_t0.AddMinutes(15)), (s.Phase, s.Deadline));

        r = _machine.Apply(s, DeviceEvent.Tick("gpu0"), s_t0.AddMinutes(15));
        Assert.Equal(DevicePhase.Healthy, r.State.Phase);
        Assert.Equal(TaintEffect.None, Assert.IsType<TaintDevice>(Assert.Single(r.Actions)).Effect);
    }

    [Fact]
    public void Apply_RemediationsFail_EscalateThenQuarantine()
    {
        DeviceState s = _machine.Apply(DeviceState.Initial, Xid(48, FaultClass.DeviceReset), s_t0).State;
        MachineResult<DeviceState> r = _machine.Apply(s, new DeviceEvent(DeviceEventKind.PodsGone, "gpu0"), s_t0);
        Assert.Equal(RemediationKind.ResetGpu, ((RemediateDevice)r.Actions[0]).Kind);

        // A timeout (15 min default) counts as a failure: attempt 2 escalates to a reboot.
        r = _machine.Apply(r.State, DeviceEvent.Tick("gpu0"), s_t0.AddMinutes(15));
        Assert.Equal((RemediationKind.RebootNode, 2), (((RemediateDevice)r.Actions[0]).Kind, ((RemediateDevice)r.Actions[0]).Attempt));

        r = _machine.Apply(r.State, new DeviceEvent(DeviceEventKind.RemediationFailed, "gpu0"), s_t0.AddMinutes(20));
        Assert.Equal(DevicePhase.Quarantined, r.State.Phase);
        Assert.Equal(HoldReason.RepeatedFailure, Assert.IsType<Hold>(Assert.Single(r.Actions)).Reason);

        // Only a human brings it back.
        Assert.Equal(DevicePhase.Quarantined, _machine.Apply(r.State, new DeviceEvent(DeviceEventKind.Healthy, "gpu0"), s_t0.AddDays(1)).State.Phase);
        Assert.Equal(DevicePhase.Healthy, _machine.Apply(r.State, new DeviceEvent(DeviceEventKind.ManualConfirmHealthy, "gpu0"), s_t0.AddDays(1)).State.Phase);
    }

    [Fact]
    public void Apply_HeldForHumanXid_QuarantinesAtOnce()
    {
        MachineResult<DeviceState> r = _machine.Apply(DeviceState.Initial, Xid(1, FaultClass.HeldForHuman), s_t0);

        Assert.Equal(DevicePhase.Quarantined, r.State.Phase);
        Assert.Equal(2, r.Actions.Count);
    }

    [Fact]
    public void Apply_StaleSequence_IsDropped()
    {
        DeviceState s = _machine.Apply(DeviceState.Initial, Xid(13, FaultClass.App, seq: 5), s_t0).State;

        DeviceState again = _machine.Apply(s, Xid(13, FaultClass.App, seq: 5), s_t0).State;
        DeviceState older = _machine.Apply(s, Xid(79, FaultClass.NodeReboot, seq: 4), s_t0).State;

        Assert.Equal(s, again);
        Assert.Equal(s, older);
    }

    [Fact]
    public void Apply_DcgmWarnCountsFailIsFatal()
    {
        DeviceState warn = _machine.Apply(DeviceState.Initial, new DeviceEvent(DeviceEventKind.DcgmIncident, "gpu0", 10, FaultClass.DeviceReset), s_t0).State;
        DeviceState fail = _machine.Apply(DeviceState.Initial, new DeviceEvent(DeviceEventKind.DcgmIncident, "gpu0", 20, FaultClass.Fabric), s_t0).State;

        Assert.Equal(DevicePhase.Suspect, warn.Phase);
        Assert.Equal((DevicePhase.Unhealthy, FaultClass.Fabric), (fail.Phase, fail.Class));
    }

    [Fact]
    public void Controller_ObserveKernelEvent_RaisesTransitionedWithTimeFromProvider()
    {
        FakeTimeProvider time = new(s_t0);
        DeviceHealthController controller = new(timeProvider: time);
        List<TransitionedEventArgs<DeviceState>> seen = [];
        controller.Transitioned += (_, e) => seen.Add(e);
        KernelEvent evt = KernelLogParser.ParseLine("NVRM: Xid (PCI:0000:01:00): 79, GPU has fallen off the bus.", out _)!;

        controller.Observe("GPU-1", evt);
        time.Advance(TimeSpan.FromMinutes(1));
        controller.Tick();

        Assert.Equal(2, seen.Count);
        Assert.Equal((DevicePhase.Healthy, DevicePhase.Unhealthy, "Xid", s_t0), (seen[0].From.Phase, seen[0].To.Phase, seen[0].Trigger, seen[0].At));
        Assert.Equal((DevicePhase.Draining, s_t0.AddMinutes(1)), (seen[1].To.Phase, seen[1].At));
        Assert.Equal(DevicePhase.Draining, controller.GetState("GPU-1").Phase);
    }

    [Fact]
    public void Controller_ThrowingHandler_DoesNotCorruptState()
    {
        DeviceHealthController controller = new(timeProvider: new FakeTimeProvider(s_t0));
        controller.Transitioned += (_, _) => throw new InvalidOperationException("subscriber bug");

        controller.Process(Xid(79, FaultClass.NodeReboot));

        Assert.Equal(DevicePhase.Unhealthy, controller.GetState("gpu0").Phase);
    }

    [Fact]
    public void Controller_LogsTransitionsThroughLogger()
    {
        Microsoft.Extensions.Logging.Testing.FakeLogger<DeviceHealthController> logger = new();
        DeviceHealthController controller = new(timeProvider: new FakeTimeProvider(s_t0), logger: logger);

        controller.Process(Xid(79, FaultClass.NodeReboot));

        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Message.Contains("Healthy -> Unhealthy(node-reboot)", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_AttemptsOne_QuarantinesAfterFirstFailure()
    {
        DeviceHealthMachine m = new(new DeviceMachineOptions { MaxAttempts = 1 });
        DeviceState s = m.Apply(DeviceState.Initial, Xid(48, FaultClass.DeviceReset), s_t0).State;
        s = m.Apply(s, new DeviceEvent(DeviceEventKind.PodsGone, "gpu0"), s_t0).State;

        s = m.Apply(s, new DeviceEvent(DeviceEventKind.RemediationFailed, "gpu0"), s_t0).State;

        Assert.Equal(DevicePhase.Quarantined, s.Phase);
    }
}
