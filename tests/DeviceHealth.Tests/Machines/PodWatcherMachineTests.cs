using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Devices;
using DeviceHealth.Inputs;
using DeviceHealth.Machines;
using DeviceHealth.Pods;
using DeviceHealth.Signals;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Tests.Machines;

public class PodWatcherMachineTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly PodWatcherMachine _machine = new();

    private static PodSnapshot Pod(string uid = "u1", OwnerReference? owner = null, string waiting = "", int restarts = 0,
        Dictionary<string, string>? labels = null) => new()
    {
        Namespace = "ns",
        Name = "p",
        Uid = uid,
        Phase = PodPhase.Running,
        Owners = owner is { } o ? [o] : [],
        Labels = labels ?? [],
        ContainerStatuses = [new ContainerStatusSnapshot { Name = "c", WaitingReason = waiting, RestartCount = restarts }],
    };

    private static readonly OwnerReference s_rs = new("ReplicaSet", "rs", "rs-uid", true);
    private static DeviceVerdict Bad(FaultClass cls, DateTimeOffset since) => new(true, false, cls, since);

    [Fact]
    public void Apply_SharedCrashLoopPod_DeletedWithUidPreconditionAfterMinUnhealthy()
    {
        PodSnapshot pod = KubernetesJson.ReadPod(TestFiles.Bytes("k8s", "pod-crashloop-on-unhealthy-gpu.json"));
        PodWatchEvent evt = new(PodWatchEventKind.Observed, pod, DeviceVerdict.Healthy);

        MachineResult<PodWatchState> first = _machine.Apply(PodWatchState.Initial, evt, s_t0);
        Assert.Equal(PodWatchPhase.AtRisk, first.State.Phase);
        Assert.Empty(first.Actions);

        // Default minimum: 2 minutes of unhealthy device.
        MachineResult<PodWatchState> later = _machine.Apply(first.State, evt, s_t0.AddMinutes(2));
        DeletePod delete = Assert.IsType<DeletePod>(Assert.Single(later.Actions));
        Assert.Equal(("serving", "inference-7d9c6b5f4-x2k8p", pod.Uid), (delete.Namespace, delete.Name, delete.Uid));
        Assert.Equal(PodWatchPhase.Evicting, later.State.Phase);
    }

    [Fact]
    public void Apply_BarePod_HeldNoController()
    {
        MachineResult<PodWatchState> r = _machine.Apply(PodWatchState.Initial,
            new PodWatchEvent(PodWatchEventKind.Observed, Pod(), Bad(FaultClass.NodeReboot, s_t0.AddHours(-1))), s_t0);

        Assert.Equal((PodWatchPhase.Held, HoldReason.NoController), (r.State.Phase, r.State.HoldReason!.Value));
        Assert.IsType<Hold>(Assert.Single(r.Actions));
    }

    [Fact]
    public void Apply_JobPod_HeldJobManaged_GangPod_HeldGangManaged()
    {
        PodSnapshot job = Pod(owner: new OwnerReference("Job", "j", "j-uid", true));
        PodSnapshot gang = Pod(owner: s_rs, labels: new() { ["jobset.sigs.k8s.io/jobset-name"] = "pretrain" });

        Assert.Equal(HoldReason.JobManaged, _machine.Apply(PodWatchState.Initial,
            new PodWatchEvent(PodWatchEventKind.Observed, job, Bad(FaultClass.NodeReboot, s_t0.AddHours(-1))), s_t0).State.HoldReason);
        Assert.Equal(HoldReason.GangManaged, _machine.Apply(PodWatchState.Initial,
            new PodWatchEvent(PodWatchEventKind.Observed, gang, Bad(FaultClass.NodeReboot, s_t0.AddHours(-1))), s_t0).State.HoldReason);
    }

    [Fact]
    public void Apply_AppClassWithoutCrashLoop_NotDeleted()
    {
        MachineResult<PodWatchState> r = _machine.Apply(PodWatchState.Initial,
            new PodWatchEvent(PodWatchEventKind.Observed, Pod(owner: s_rs), Bad(FaultClass.App, s_t0.AddHours(-1))), s_t0);

        Assert.Equal(PodWatchPhase.AtRisk, r.State.Phase);
        Assert.Empty(r.Actions);
    }

    [Fact]
    public void Apply_NewUidAfterDelete_Replaced()
    {
        MachineResult<PodWatchState> r = _machine.Apply(PodWatchState.Initial,
            new PodWatchEvent(PodWatchEventKind.Observed, Pod(owner: s_rs), Bad(FaultClass.NodeReboot, s_t0.AddHours(-1))), s_t0);
        Assert.Equal(PodWatchPhase.Evicting, r.State.Phase);

        r = _machine.Apply(r.State, new PodWatchEvent(PodWatchEventKind.Observed, Pod("u2", s_rs), DeviceVerdict.Healthy), s_t0.AddMinutes(1));

        Assert.Equal((PodWatchPhase.Replaced, "u2"), (r.State.Phase, r.State.Uid));
    }

    [Fact]
    public void Apply_Eviction_EmitsEvictPod()
    {
        PodWatcherMachine m = new(new PodWatcherOptions { UseEviction = true });

        MachineResult<PodWatchState> r = m.Apply(PodWatchState.Initial,
            new PodWatchEvent(PodWatchEventKind.Observed, Pod(owner: s_rs), Bad(FaultClass.DeviceReset, s_t0.AddHours(-1))), s_t0);

        Assert.IsType<EvictPod>(Assert.Single(r.Actions));
    }

    [Fact]
    public void Controller_Tick_FiresTimerWithoutNewEvents()
    {
        FakeTimeProvider time = new(s_t0);
        PodWatcherController controller = new(timeProvider: time);
        PodSnapshot pod = KubernetesJson.ReadPod(TestFiles.Bytes("k8s", "pod-crashloop-on-unhealthy-gpu.json"));
        controller.Process(new PodWatchEvent(PodWatchEventKind.Observed, pod, DeviceVerdict.Healthy));

        time.Advance(TimeSpan.FromMinutes(2));
        IReadOnlyList<ActionIntent> actions = controller.Tick();

        Assert.IsType<DeletePod>(Assert.Single(actions));
    }

    [Fact]
    public void DeviceVerdict_From_PicksEarliestUnhealthy()
    {
        DeviceHealthMachine m = new();
        DeviceState a = m.Apply(DeviceState.Initial, new DeviceEvent(DeviceEventKind.Xid, "a", 48, FaultClass.DeviceReset), s_t0.AddMinutes(5)).State;
        DeviceState b = m.Apply(DeviceState.Initial, new DeviceEvent(DeviceEventKind.Xid, "b", 79, FaultClass.NodeReboot), s_t0).State;

        DeviceVerdict v = DeviceVerdict.From([DeviceState.Initial, a, b]);

        Assert.Equal(new DeviceVerdict(true, false, FaultClass.NodeReboot, s_t0), v);
    }
}
