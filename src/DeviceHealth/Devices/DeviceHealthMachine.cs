using System.Globalization;
using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Machines;

namespace DeviceHealth.Devices;

/// <summary>
/// The single-device health machine as a pure function. Fault classes come from the event (see
/// <see cref="Signals.XidPolicy"/>); app-class signals only count repetitions; infrastructure events (plugin or kubelet
/// restart) never make a device Unhealthy; Unhealthy is left only through remediation success plus probation, or a
/// manual confirmation; remediation attempts escalate and end in quarantine.
/// </summary>
public sealed class DeviceHealthMachine
{
    private readonly long _repeatWindow;
    private readonly long _minUnhealthy;
    private readonly long _drainTimeout;
    private readonly long _remediationTimeout;
    private readonly long _healthyDelay;
    private readonly long _episodeWindow;
    private readonly long _precedingWindow;
    private readonly int _repeatThreshold;
    private readonly int _maxAttempts;

    /// <summary>Creates the machine.</summary>
    /// <param name="options">Thresholds and timers (null: defaults).</param>
    public DeviceHealthMachine(DeviceMachineOptions? options = null)
    {
        options ??= new DeviceMachineOptions();
        _repeatWindow = options.RepeatWindow.Ticks;
        _minUnhealthy = options.MinUnhealthy.Ticks;
        _drainTimeout = options.DrainTimeout.Ticks;
        _remediationTimeout = options.RemediationTimeout.Ticks;
        _healthyDelay = options.HealthyDelay.Ticks;
        _episodeWindow = options.EpisodeWindow.Ticks;
        _precedingWindow = options.PrecedingXidWindow.Ticks;
        _repeatThreshold = options.RepeatThreshold;
        _maxAttempts = options.MaxAttempts;
    }

    /// <summary>Applies one event.</summary>
    /// <param name="state">The current state.</param>
    /// <param name="evt">The event.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The new state and the intents to apply.</returns>
    public MachineResult<DeviceState> Apply(DeviceState state, DeviceEvent evt, DateTimeOffset now)
    {
        long t = now.UtcTicks;
        if (evt.Sequence != 0)
        {
            if (evt.Sequence <= state.LastSequence)
            {
                return MachineResult.Quiet(state);
            }

            state = state.WithSequence(evt.Sequence);
        }

        return evt.Kind switch
        {
            DeviceEventKind.Xid => OnFault(state, evt, ResolveXidClass(state, evt, t), t, isXid: true),
            DeviceEventKind.DcgmIncident => OnFault(state, evt, DcgmClass(evt), t, isXid: false),
            DeviceEventKind.GpuLost => OnFault(state, evt, FaultClass.NodeReboot, t, isXid: false),
            DeviceEventKind.Healthy => OnHealthy(state, t),
            DeviceEventKind.HealthTimeout or DeviceEventKind.PluginRestarted or DeviceEventKind.KubeletRestarted =>
                OnInfrastructure(state, t),
            DeviceEventKind.PodsGone => OnPodsGone(state, evt, t),
            DeviceEventKind.RemediationSucceeded => OnRemediationSucceeded(state, t),
            DeviceEventKind.RemediationFailed => OnRemediationFailed(state, evt, t),
            DeviceEventKind.ManualConfirmHealthy => OnManualConfirm(state, evt, t),
            DeviceEventKind.Tick => OnTick(state, evt, t),
            _ => MachineResult.Quiet(state),
        };
    }

    /// <summary>Folds an event log from the initial state (the replay model); the actions of every step are collected.</summary>
    /// <param name="events">The events with their times.</param>
    /// <param name="actions">Receives every intent, in order.</param>
    /// <returns>The final state.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DeviceState Fold(IEnumerable<(DeviceEvent Event, DateTimeOffset At)> events, ICollection<ActionIntent> actions)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(actions);
        DeviceState state = DeviceState.Initial;
        foreach ((DeviceEvent e, DateTimeOffset at) in events)
        {
            MachineResult<DeviceState> r = Apply(state, e, at);
            state = r.State;
            foreach (ActionIntent a in r.Actions)
            {
                actions.Add(a);
            }
        }

        return state;
    }

    /// <summary>A DCGM WARN only counts; a FAIL is fatal unless its code is informational or thermal.</summary>
    private static FaultClass DcgmClass(DeviceEvent evt) =>
        evt.Class is FaultClass.Info ? FaultClass.Info
        : evt.Code >= 20 && evt.Class is not FaultClass.App ? Fatal(evt.Class)
        : FaultClass.App;

    private static FaultClass Fatal(FaultClass cls) =>
        cls is FaultClass.None or FaultClass.Info or FaultClass.App or FaultClass.FollowPreceding ? FaultClass.Unknown : cls;

    private FaultClass ResolveXidClass(DeviceState state, DeviceEvent evt, long t)
    {
        if (evt.Class != FaultClass.FollowPreceding)
        {
            return evt.Class;
        }

        // XID 45 (preemptive removal) inherits the class of the XID that caused it.
        if (state.LastXid != 0 && t - state.LastXidTicks <= _precedingWindow && state.Phase is DevicePhase.Unhealthy
            or DevicePhase.Draining or DevicePhase.Remediating)
        {
            return state.Class;
        }

        return FaultClass.App;
    }

    private MachineResult<DeviceState> OnFault(DeviceState state, DeviceEvent evt, FaultClass cls, long t, bool isXid)
    {
        if (isXid && evt.Code is > 0 and <= short.MaxValue && cls is not FaultClass.Info)
        {
            state = state.WithLastXid((short)evt.Code, t);
        }

        switch (cls)
        {
            case FaultClass.None or FaultClass.Info:
                return MachineResult.Quiet(state);
            case FaultClass.App or FaultClass.FollowPreceding:
                return OnAppSignal(state, evt, t);
            default:
                return OnFatal(state, evt, cls, t);
        }
    }

    private MachineResult<DeviceState> OnAppSignal(DeviceState state, DeviceEvent evt, long t)
    {
        switch (state.Phase)
        {
            case DevicePhase.Healthy or DevicePhase.Unknown or DevicePhase.Recovering:
                if (_repeatThreshold <= 1)
                {
                    return EnterUnhealthy(state, evt, FaultClass.App, t);
                }

                // Suspect keeps the Recovering episode so that attempts still count.
                return MachineResult.Quiet(
                    state.With(DevicePhase.Suspect, FaultClass.App, t, t + _repeatWindow, 1, state.Attempts, state.EpisodeTicks));
            case DevicePhase.Suspect:
                int count = state.Count + 1;
                if (count >= _repeatThreshold)
                {
                    return EnterUnhealthy(state, evt, FaultClass.App, t);
                }

                // The window is anchored at the first signal: the deadline never moves.
                return MachineResult.Quiet(
                    state.With(DevicePhase.Suspect, FaultClass.App, state.SinceTicks, state.DeadlineTicks, count, state.Attempts, state.EpisodeTicks));
            default:
                return MachineResult.Quiet(state);
        }
    }

    private MachineResult<DeviceState> OnFatal(DeviceState state, DeviceEvent evt, FaultClass cls, long t)
    {
        switch (state.Phase)
        {
            case DevicePhase.Healthy or DevicePhase.Suspect or DevicePhase.Unknown or DevicePhase.Recovering:
                return EnterUnhealthy(state, evt, cls, t);
            default:
                // Already failed: a repeated signal changes nothing (timers never move back).
                return MachineResult.Quiet(state);
        }
    }

    private MachineResult<DeviceState> EnterUnhealthy(DeviceState state, DeviceEvent evt, FaultClass cls, long t)
    {
        // An episode spans failures that come back within the episode window after a remediation.
        bool sameEpisode = state.EpisodeTicks != 0 && t - state.EpisodeTicks <= _episodeWindow;
        long episode = sameEpisode ? state.EpisodeTicks : t;
        int attempts = sameEpisode ? state.Attempts : 0;
        if (cls == FaultClass.HeldForHuman)
        {
            DeviceState q = state.With(DevicePhase.Quarantined, cls, t, 0, 0, attempts, episode);
            return new MachineResult<DeviceState>(q, [
                Taint(evt.DeviceId, cls, evt.Code, t),
                new Hold(evt.DeviceId, HoldReason.RepeatedFailure, $"XID {evt.Code} needs vendor support; held for a human",
                    Key("hold", evt.DeviceId, episode, attempts)),
            ]);
        }

        DeviceState next = state.With(DevicePhase.Unhealthy, cls, t, t + _minUnhealthy, 0, attempts, episode);
        return new MachineResult<DeviceState>(next, [Taint(evt.DeviceId, cls, evt.Code, t)]);
    }

    private static MachineResult<DeviceState> OnHealthy(DeviceState state, long t)
    {
        // Healthy signals end only Unknown; Suspect expires by its window, Unhealthy needs an explicit recovery.
        if (state.Phase == DevicePhase.Unknown)
        {
            return MachineResult.Quiet(
                state.With(DevicePhase.Healthy, FaultClass.None, t, 0, 0, state.Attempts, state.EpisodeTicks));
        }

        return MachineResult.Quiet(state);
    }

    private static MachineResult<DeviceState> OnInfrastructure(DeviceState state, long t)
    {
        if (state.Phase is DevicePhase.Healthy or DevicePhase.Suspect)
        {
            return MachineResult.Quiet(
                state.With(DevicePhase.Unknown, FaultClass.None, t, 0, 0, state.Attempts, state.EpisodeTicks));
        }

        return MachineResult.Quiet(state);
    }

    private MachineResult<DeviceState> OnPodsGone(DeviceState state, DeviceEvent evt, long t)
    {
        if (state.Phase is DevicePhase.Draining or DevicePhase.Unhealthy && t >= state.SinceTicks)
        {
            return StartRemediation(state, evt.DeviceId, t);
        }

        return MachineResult.Quiet(state);
    }

    private MachineResult<DeviceState> OnRemediationSucceeded(DeviceState state, long t)
    {
        if (state.Phase != DevicePhase.Remediating)
        {
            return MachineResult.Quiet(state);
        }

        return MachineResult.Quiet(
            state.With(DevicePhase.Recovering, state.Class, t, t + _healthyDelay, 0, state.Attempts, state.EpisodeTicks));
    }

    private MachineResult<DeviceState> OnRemediationFailed(DeviceState state, DeviceEvent evt, long t)
    {
        if (state.Phase != DevicePhase.Remediating)
        {
            return MachineResult.Quiet(state);
        }

        return StartRemediation(state, evt.DeviceId, t);
    }

    private static MachineResult<DeviceState> OnManualConfirm(DeviceState state, DeviceEvent evt, long t)
    {
        if (state.Phase == DevicePhase.Healthy)
        {
            return MachineResult.Quiet(state);
        }

        bool wasTainted = state.Phase is not (DevicePhase.Suspect or DevicePhase.Unknown);
        DeviceState next = state.With(DevicePhase.Healthy, FaultClass.None, t, 0, 0, 0, 0);
        return wasTainted
            ? new MachineResult<DeviceState>(next, [Untaint(evt.DeviceId, t)])
            : MachineResult.Quiet(next);
    }

    private MachineResult<DeviceState> OnTick(DeviceState state, DeviceEvent evt, long t)
    {
        if (state.DeadlineTicks == 0 || t < state.DeadlineTicks)
        {
            return MachineResult.Quiet(state);
        }

        switch (state.Phase)
        {
            case DevicePhase.Suspect:
                return MachineResult.Quiet(
                    state.With(DevicePhase.Healthy, FaultClass.None, t, 0, 0, state.Attempts, state.EpisodeTicks));
            case DevicePhase.Unhealthy:
                return MachineResult.Quiet(
                    state.With(DevicePhase.Draining, state.Class, t, t + _drainTimeout, 0, state.Attempts, state.EpisodeTicks));
            case DevicePhase.Draining:
                return StartRemediation(state, evt.DeviceId, t);
            case DevicePhase.Remediating:
                // A timed-out attempt counts as a failure.
                return StartRemediation(state, evt.DeviceId, t);
            case DevicePhase.Recovering:
                DeviceState healthy = state.With(DevicePhase.Healthy, FaultClass.None, t, 0, 0, state.Attempts, state.EpisodeTicks);
                return new MachineResult<DeviceState>(healthy, [Untaint(evt.DeviceId, t)]);
            default:
                return MachineResult.Quiet(state);
        }
    }

    private MachineResult<DeviceState> StartRemediation(DeviceState state, string deviceId, long t)
    {
        int attempt = state.Attempts + 1;
        if (attempt > _maxAttempts)
        {
            DeviceState q = state.With(DevicePhase.Quarantined, state.Class, t, 0, 0, state.Attempts, state.EpisodeTicks);
            return new MachineResult<DeviceState>(q, [
                new Hold(deviceId, HoldReason.RepeatedFailure,
                    $"{state.Attempts} remediation attempts did not clear the {state.Class} fault; held for a human",
                    Key("hold", deviceId, state.EpisodeTicks, state.Attempts)),
            ]);
        }

        RemediationKind kind = KindFor(state.Class, attempt);
        if (state.Attempts > 0 && (int)kind < state.LastKind)
        {
            // Never pick a milder action than one already tried in this episode.
            kind = (RemediationKind)state.LastKind;
        }

        DeviceState next = state.With(DevicePhase.Remediating, state.Class, t, t + _remediationTimeout, 0, attempt, state.EpisodeTicks)
            .WithLastKind((byte)kind);
        return new MachineResult<DeviceState>(next, [
            new RemediateDevice(deviceId, "", kind, attempt, Key("remediate", deviceId, state.EpisodeTicks, attempt)),
        ]);
    }

    /// <summary>The escalation ladder: later attempts never pick a milder action than earlier ones.</summary>
    internal static RemediationKind KindFor(FaultClass cls, int attempt)
    {
        RemediationKind first = cls switch
        {
            FaultClass.App => RemediationKind.RunDiagnostics,
            FaultClass.DeviceReset or FaultClass.Fabric => RemediationKind.ResetGpu,
            FaultClass.NodeReboot or FaultClass.Unknown => RemediationKind.RebootNode,
            _ => RemediationKind.ContactSupport,
        };

        int step = (int)first + (attempt - 1);
        return (RemediationKind)Math.Min(step, (int)RemediationKind.ContactSupport);
    }

    private static TaintDevice Taint(string deviceId, FaultClass cls, int code, long t) =>
        new(deviceId, "devicehealth.kubekit.dev/unhealthy", ClassName(cls), TaintEffect.NoSchedule,
            Key("taint", deviceId, t, code));

    private static TaintDevice Untaint(string deviceId, long t) =>
        new(deviceId, "devicehealth.kubekit.dev/unhealthy", "recovered", TaintEffect.None, Key("untaint", deviceId, t, 0));

    /// <summary>The catalog spelling of a fault class (for example <c>device-reset</c>), used in taints and reports.</summary>
    /// <param name="cls">The class.</param>
    /// <returns>The name.</returns>
    public static string ClassName(FaultClass cls) => cls switch
    {
        FaultClass.None => "none",
        FaultClass.Info => "info",
        FaultClass.App => "app",
        FaultClass.DeviceReset => "device-reset",
        FaultClass.Fabric => "fabric",
        FaultClass.NodeReboot => "node-reboot",
        FaultClass.HeldForHuman => "held-for-human",
        FaultClass.FollowPreceding => "follow-preceding",
        _ => "unknown",
    };

    private static string Key(string what, string deviceId, long ticks, int n) =>
        string.Create(CultureInfo.InvariantCulture, $"device/{deviceId}/{what}/{ticks}/{n}");
}
