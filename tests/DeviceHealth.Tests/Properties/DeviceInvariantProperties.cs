using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Devices;
using DeviceHealth.Machines;
using DeviceHealth.Observability;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Tests.Properties;

/// <summary>Invariants 3, 4, 5, 7, 8 and 9 of the model on the device machine, over generated event scripts.</summary>
public class DeviceInvariantProperties
{
    private static readonly DeviceMachineOptions s_options = new();
    private readonly DeviceHealthMachine _machine = new(s_options);

    private static IEnumerable<(DeviceState From, DeviceState To, DeviceEvent Event, IReadOnlyList<ActionIntent> Actions, DateTimeOffset At)> Steps(
        DeviceHealthMachine machine, List<(DeviceEvent Event, DateTimeOffset At)> script)
    {
        DeviceState s = DeviceState.Initial;
        foreach ((DeviceEvent e, DateTimeOffset at) in script)
        {
            MachineResult<DeviceState> r = machine.Apply(s, e, at);
            yield return (s, r.State, e, r.Actions, at);
            s = r.State;
        }
    }

    [Property(MaxTest = 300)]
    public bool Liveness_UnhealthyReachesActionOrExplicitHold(int[] script)
    {
        // Invariant 3: after any history, ticking through T_max = minUnhealthy + drainTimeout leaves no device silently
        // Unhealthy or Draining: it is remediating (an intent was emitted), recovered, or quarantined with a Hold.
        List<(DeviceEvent Event, DateTimeOffset At)> events = DeviceScript.Build(script);
        DeviceState s = _machine.Fold(events, new List<ActionIntent>());
        DateTimeOffset t = events.Count > 0 ? events[^1].At : DeviceScript.T0;
        bool wasFailing = s.Phase is DevicePhase.Unhealthy or DevicePhase.Draining;
        List<ActionIntent> actions = [];
        foreach (TimeSpan step in new[] { s_options.MinUnhealthy, s_options.DrainTimeout })
        {
            t += step;
            MachineResult<DeviceState> r = _machine.Apply(s, DeviceEvent.Tick("gpu0"), t);
            s = r.State;
            actions.AddRange(r.Actions);
        }

        bool limbo = s.Phase is DevicePhase.Unhealthy or DevicePhase.Draining;
        bool explained = !wasFailing || actions.Any(a => a is RemediateDevice or Hold);
        return !limbo && explained;
    }

    [Property(MaxTest = 300)]
    public bool OneWay_FailedPhasesLeaveOnlyThroughRecoveryEvents(int[] script)
    {
        // Invariant 8: from a failed phase, Healthy is reached only by a manual confirmation; Recovering only by a
        // remediation success; and a Recovering device turns Healthy only by its probation tick.
        foreach ((DeviceState from, DeviceState to, DeviceEvent e, _, _) in Steps(_machine, DeviceScript.Build(script)))
        {
            if (DeviceScript.IsFailed(from.Phase) && to.Phase == DevicePhase.Healthy && e.Kind != DeviceEventKind.ManualConfirmHealthy)
            {
                return false;
            }

            if (DeviceScript.IsFailed(from.Phase) && to.Phase == DevicePhase.Recovering && e.Kind != DeviceEventKind.RemediationSucceeded)
            {
                return false;
            }

            if (from.Phase == DevicePhase.Recovering && to.Phase == DevicePhase.Healthy
                && e.Kind is not (DeviceEventKind.Tick or DeviceEventKind.ManualConfirmHealthy))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool OneWay_FewerAppXidsThanThresholdNeverUnhealthy(byte[] gaps)
    {
        // Invariant 8 (second half): app-class XIDs alone, fewer than the threshold, never make a device Unhealthy.
        DeviceState s = DeviceState.Initial;
        DateTimeOffset t = DeviceScript.T0;
        int n = Math.Min((gaps ?? []).Length, s_options.RepeatThreshold - 1);
        for (int i = 0; i < n; i++)
        {
            t += TimeSpan.FromMinutes(gaps![i]);
            s = _machine.Apply(s, new DeviceEvent(DeviceEventKind.Xid, "gpu0", 13, FaultClass.App), t).State;
            if (DeviceScript.IsFailed(s.Phase))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool IdempotentReplay_DuplicatesAndStaleEventsChangeNothing(int[] script, int[] picks)
    {
        // Invariant 5: re-delivering events (duplicates or older sequence numbers) gives the same final state and the
        // same set of idempotency keys as the clean log.
        List<(DeviceEvent Event, DateTimeOffset At)> clean = DeviceScript.Build(script);
        List<(DeviceEvent Event, DateTimeOffset At)> noisy = [];
        int p = 0;
        for (int i = 0; i < clean.Count; i++)
        {
            noisy.Add(clean[i]);
            int pick = picks is { Length: > 0 } ? picks[p++ % picks.Length] : 0;
            if (pick % 3 == 0)
            {
                noisy.Add(clean[i]);
            }
            else if (pick % 3 == 1 && i > 0)
            {
                // A stale older event arrives late, stamped with the current time.
                int old = Math.Abs(pick % (i + 1));
                noisy.Add((clean[old].Event, clean[i].At));
            }
        }

        List<ActionIntent> a = [];
        List<ActionIntent> b = [];
        DeviceState sa = _machine.Fold(clean, a);
        DeviceState sb = _machine.Fold(noisy, b);
        return sa == sb && a.Select(x => x.IdempotencyKey).ToHashSet().SetEquals(b.Select(x => x.IdempotencyKey));
    }

    [Property(MaxTest = 200)]
    public bool IdempotentReplay_FoldEqualsIncrementalController(int[] script)
    {
        // Invariant 5: folding the log from scratch equals feeding a live controller event by event.
        List<(DeviceEvent Event, DateTimeOffset At)> events = DeviceScript.Build(script);
        FakeTimeProvider time = new(DeviceScript.T0);
        DeviceHealthController controller = new(s_options, time);
        List<string> live = [];
        foreach ((DeviceEvent e, DateTimeOffset at) in events)
        {
            time.SetUtcNow(at);
            live.AddRange(controller.Process(e).Select(x => x.IdempotencyKey));
        }

        List<ActionIntent> folded = [];
        DeviceState s = _machine.Fold(events, folded);
        return s == controller.GetState("gpu0") && live.SequenceEqual(folded.Select(x => x.IdempotencyKey));
    }

    [Property(MaxTest = 300)]
    public bool MonotoneTimers_SinceAndDeadlineNeverMoveBackInAPhase(int[] script)
    {
        // Invariant 7: while the phase stays the same, Since never changes and the deadline never decreases.
        foreach ((DeviceState from, DeviceState to, _, _, _) in Steps(_machine, DeviceScript.Build(script)))
        {
            if (from.Phase == to.Phase && from.Phase != DevicePhase.Remediating
                && (to.Since != from.Since || to.Deadline < from.Deadline))
            {
                return false;
            }

            if (from.Phase == DevicePhase.Remediating && to.Phase == DevicePhase.Remediating && to.Deadline < from.Deadline)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool NoFlapping_NoUndoInsideHealthyDelay(int[] script)
    {
        // Invariant 4: the taint is lifted (effect None) only after a full healthy delay since the remediation
        // succeeded, or by a human; so no action -> undo -> action cycle happens inside the healthy delay.
        DateTimeOffset? succeededAt = null;
        foreach ((DeviceState from, DeviceState to, DeviceEvent e, IReadOnlyList<ActionIntent> actions, DateTimeOffset at) in
            Steps(_machine, DeviceScript.Build(script)))
        {
            if (from.Phase == DevicePhase.Remediating && to.Phase == DevicePhase.Recovering)
            {
                succeededAt = at;
            }

            bool undo = actions.Any(a => a is TaintDevice { Effect: TaintEffect.None });
            if (undo && e.Kind != DeviceEventKind.ManualConfirmHealthy
                && (succeededAt is null || at - succeededAt.Value < s_options.HealthyDelay))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool NoFlapping_FastAlternationChangesPhaseAtMostOncePerDwell(bool[] pattern)
    {
        // Invariant 4: a signal that alternates every second between fatal and healthy makes one transition into
        // Unhealthy, not one per alternation (the class is one-way until an explicit recovery).
        DeviceState s = DeviceState.Initial;
        DateTimeOffset t = DeviceScript.T0;
        int intoUnhealthy = 0;
        foreach (bool fatal in pattern ?? [])
        {
            t += TimeSpan.FromSeconds(1);
            DeviceEvent e = fatal ? new DeviceEvent(DeviceEventKind.Xid, "gpu0", 79, FaultClass.NodeReboot) : new DeviceEvent(DeviceEventKind.Healthy, "gpu0");
            DevicePhase before = s.Phase;
            s = _machine.Apply(s, e, t).State;
            if (before != DevicePhase.Unhealthy && s.Phase == DevicePhase.Unhealthy)
            {
                intoUnhealthy++;
            }
        }

        return intoUnhealthy <= 1;
    }

    [Property(MaxTest = 300)]
    public bool MonotoneEscalation_AttemptsIncreaseAndKindsNeverSoften(int[] script)
    {
        // Invariant 9: within an episode remediation attempts strictly increase and each step is at least as strong.
        int lastAttempt = 0;
        RemediationKind lastKind = RemediationKind.RestartApplication;
        foreach ((DeviceState from, DeviceState to, _, IReadOnlyList<ActionIntent> actions, _) in Steps(_machine, DeviceScript.Build(script)))
        {
            if (to.Phase == DevicePhase.Healthy || to.Attempts == 0)
            {
                lastAttempt = 0;
                lastKind = RemediationKind.RestartApplication;
            }

            foreach (RemediateDevice r in actions.OfType<RemediateDevice>())
            {
                if (r.Attempt <= lastAttempt || (r.Attempt > 1 && r.Kind < lastKind))
                {
                    return false;
                }

                lastAttempt = r.Attempt;
                lastKind = r.Kind;
            }
        }

        return true;
    }

    [Property(MaxTest = 200)]
    public bool Diagram_EveryPhaseChangeIsDocumented(int[] script)
    {
        HashSet<(string, string)> edges = [.. MermaidExporter.Transitions(MachineKind.Device).Select(t => (t.From, t.To))];
        foreach ((DeviceState from, DeviceState to, _, _, _) in Steps(_machine, DeviceScript.Build(script)))
        {
            if (from.Phase != to.Phase && !edges.Contains((from.Phase.ToString(), to.Phase.ToString())))
            {
                return false;
            }
        }

        return true;
    }
}
