using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Degradation;
using DeviceHealth.Devices;
using DeviceHealth.Gangs;
using DeviceHealth.Inputs;
using DeviceHealth.Machines;
using DeviceHealth.Pods;
using FsCheck.Xunit;

namespace DeviceHealth.Tests.Properties;

/// <summary>Invariants 10 (pods), 12 (detector) and 13 (gang).</summary>
public class OtherInvariantProperties
{
    private static readonly string[] s_kinds = ["ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "Custom", ""];

    [Property(MaxTest = 300)]
    public bool Ownership_PodsAreDeletedOnlyWithRecreatingOwner(byte[] script)
    {
        // Invariant 10, pod half: no DeletePod / EvictPod for a pod without a ReplicaSet, StatefulSet, DaemonSet or
        // ReplicationController controller, whatever its device health history.
        PodWatcherMachine m = new();
        PodWatchState s = PodWatchState.Initial;
        DateTimeOffset t = DeviceScript.T0;
        foreach (byte b in script ?? [])
        {
            t += TimeSpan.FromMinutes(b % 4);
            string kind = s_kinds[b % s_kinds.Length];
            PodSnapshot pod = new()
            {
                Namespace = "ns",
                Name = "p",
                Uid = "u" + (b % 2),
                Phase = PodPhase.Running,
                Owners = kind.Length == 0 ? [] : [new OwnerReference(kind, "o", "o-uid", (b & 0x40) != 0)],
                ContainerStatuses = [new ContainerStatusSnapshot { Name = "c", RestartCount = b % 5, WaitingReason = (b & 0x20) != 0 ? "CrashLoopBackOff" : "" }],
            };
            DeviceVerdict v = (b & 0x80) != 0 ? new DeviceVerdict(true, false, (FaultClass)(b % 9), t.AddMinutes(-(b % 7))) : DeviceVerdict.Healthy;
            MachineResult<PodWatchState> r = m.Apply(s, new PodWatchEvent(PodWatchEventKind.Observed, pod, v), t);
            if (r.Actions.Any(a => a is DeletePod or EvictPod) && !PodWatcherMachine.HasRecreatingOwner(pod))
            {
                return false;
            }

            s = r.State;
        }

        return true;
    }

    private static List<StepSample> Trace(byte[] noise, int ranks, int steps, double slowFactor)
    {
        List<StepSample> samples = [];
        int k = 0;
        for (int step = 0; step < steps; step++)
        {
            for (int rank = 0; rank < ranks; rank++)
            {
                byte b = noise is { Length: > 0 } ? noise[k++ % noise.Length] : (byte)0;
                double x = 1.0 + (b % 5) / 100.0;
                if (rank == 0)
                {
                    x *= slowFactor;
                }

                samples.Add(new StepSample(rank, "pp" + (rank % 2), step, x));
            }
        }

        return samples;
    }

    [Property(MaxTest = 100)]
    public bool ScaleInvariance_MultiplyingEveryTimeByCGivesSameVerdicts(byte[] noise, byte scale, bool straggler)
    {
        // Invariant 12: multiplying every rank's time by c > 0 changes nothing (ratios to the peer median are scale-free).
        double c = 0.01 + (scale / 8.0);
        List<StepSample> trace = Trace(noise, 8, 30, straggler ? 1.5 : 1.0);
        DetectorReport a = DegradationDetector.Analyze(trace);
        DetectorReport b = DegradationDetector.Analyze(trace.Select(s => s with { Seconds = s.Seconds * c }));
        return a.FlaggedRanks.SequenceEqual(b.FlaggedRanks)
            && a.Transitions.Select(t => (t.Rank, t.To, t.Step)).SequenceEqual(b.Transitions.Select(t => (t.Rank, t.To, t.Step)));
    }

    [Property(MaxTest = 100)]
    public bool ScaleInvariance_ClusterWideShiftRaisesNoAlarm(byte[] noise, byte scale, byte atStep)
    {
        // Invariant 12: every rank slowing by the same factor from some step on (a cluster-wide shift) flags nobody.
        double c = 1.0 + (scale / 16.0);
        int shiftAt = atStep % 30;
        List<StepSample> trace = [.. Trace(noise, 8, 30, 1.0).Select(s => s.Step >= shiftAt ? s with { Seconds = s.Seconds * c } : s)];
        return DegradationDetector.Analyze(trace).FlaggedRanks.Count == 0;
    }

    [Property(MaxTest = 100)]
    public bool Hysteresis_AlternatingRankChangesPhaseBoundedly(bool[] pattern)
    {
        // Invariant 4 on the detector: a rank whose speed alternates every step changes phase at most once per
        // window of n steps (k-of-n entry and a lower exit threshold).
        DegradationDetector d = new();
        int changes = 0;
        int step = 0;
        foreach (bool slow in pattern ?? [])
        {
            changes += d.ObserveStep([
                new StepSample(0, "a", step, slow ? 2.0 : 1.0),
                new StepSample(1, "a", step, 1.0),
                new StepSample(2, "a", step, 1.0),
            ]).Count(t => t.From != RankPhase.WarmingUp);
            step++;
        }

        int windows = (pattern ?? []).Length / new DegradationOptions().WindowCount + 1;
        return changes <= windows + 1;
    }

    [Property(MaxTest = 300)]
    public bool Gang_OneLiveGenerationBudgetAndInPlaceKeepsBinding(byte[] script, byte maxRestarts, bool replaceable, bool blocking)
    {
        // Invariant 13: at most one live generation; counted restarts never exceed maxRestarts; an in-place restart
        // keeps the generation (and so the pod-to-device binding).
        GangPlannerOptions options = new() { MaxRestarts = maxRestarts % 6, MaxInPlaceRestarts = 2, CanReplaceRanks = replaceable, BlockingRecreate = blocking };
        GangPlanner planner = new(options);
        GangState s = GangState.Initial;
        foreach (byte b in script ?? [])
        {
            GangEvent e = (b % 7) switch
            {
                0 or 1 => new GangEvent(GangEventKind.RanksFailed, [b % 4], (GangFailureCause)((b / 7) % 4)),
                2 => new GangEvent(GangEventKind.RestartCompleted, []),
                3 => new GangEvent(GangEventKind.OldGenerationGone, []),
                4 => new GangEvent(GangEventKind.RanksSlow, [1]),
                5 => new GangEvent(GangEventKind.RanksRecovered, []),
                _ => new GangEvent(GangEventKind.RanksFailed, [0, 1], GangFailureCause.Device),
            };
            MachineResult<GangState> r = planner.Apply("g", s, e, DeviceScript.T0);
            if (r.State.LiveGenerations > (blocking ? 1 : 2) || r.State.Restarts > options.MaxRestarts || r.State.Generation < s.Generation)
            {
                return false;
            }

            if (r.Actions.OfType<RestartGang>().Any(a => a.Mode == GangRestartMode.InPlace && a.Generation != s.Generation))
            {
                return false;
            }

            if (r.Actions.OfType<RestartGang>().Any(a => a.Mode == GangRestartMode.RecreateAll && a.Generation <= s.Generation))
            {
                return false;
            }

            s = r.State;
        }

        return true;
    }
}
