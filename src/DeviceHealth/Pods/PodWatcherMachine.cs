using System.Globalization;
using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Devices;
using DeviceHealth.Inputs;
using DeviceHealth.Machines;

namespace DeviceHealth.Pods;

/// <summary>
/// The pod watcher as a pure function. A pod bound to an unhealthy device is deleted (or evicted) only when a controller
/// owner will recreate it (ReplicaSet, StatefulSet, DaemonSet, ReplicationController), the device has been unhealthy for
/// at least <see cref="PodWatcherOptions.MinUnhealthy"/>, and the pod is crash-looping or the fault is not app-class.
/// Job pods are left to the Job's podFailurePolicy, gang pods to the gang planner, and bare pods are held; every hold
/// carries its reason. Device health comes from the device machines and from the pod's KEP-4680
/// <c>allocatedResourcesStatus</c>.
/// </summary>
public sealed class PodWatcherMachine
{
    private static readonly HashSet<string> s_recreatingKinds =
        new(["ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController"], StringComparer.Ordinal);

    private readonly PodWatcherOptions _options;

    /// <summary>Creates the machine.</summary>
    /// <param name="options">Settings (null: defaults).</param>
    public PodWatcherMachine(PodWatcherOptions? options = null)
    {
        _options = options ?? new PodWatcherOptions();
    }

    /// <summary>Applies one event.</summary>
    /// <param name="state">The current state.</param>
    /// <param name="evt">The event.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The new state and the intents to apply.</returns>
    /// <exception cref="ArgumentException">The event carries no pod.</exception>
    public MachineResult<PodWatchState> Apply(PodWatchState state, PodWatchEvent evt, DateTimeOffset now)
    {
        PodSnapshot pod = evt.Pod ?? throw new ArgumentException("The event carries no pod.", nameof(evt));
        if (evt.Kind == PodWatchEventKind.Deleted)
        {
            return Move(state, PodWatchPhase.Gone, null, now, state.AtRiskSince);
        }

        bool newPod = state.Uid.Length > 0 && pod.Uid != state.Uid;
        if (newPod)
        {
            PodWatchPhase phase = state.Phase is PodWatchPhase.Evicting or PodWatchPhase.Gone ? PodWatchPhase.Replaced : PodWatchPhase.Running;
            state = new PodWatchState(phase, pod.Uid, null, now, DateTimeOffset.MinValue, 0);
        }
        else
        {
            state = state with { Uid = pod.Uid };
        }

        ulong rv = ulong.TryParse(pod.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v : 0;
        if (rv != 0)
        {
            if (rv <= state.LastResourceVersion)
            {
                return MachineResult.Quiet(state);
            }

            state = state with { LastResourceVersion = rv };
        }

        if (pod.Phase is PodPhase.Succeeded or PodPhase.Failed)
        {
            return Move(state, PodWatchPhase.Gone, null, now, state.AtRiskSince);
        }

        if (state.Phase == PodWatchPhase.Evicting)
        {
            // The delete was requested; wait for the owner to replace the pod.
            return MachineResult.Quiet(state);
        }

        (bool unhealthy, bool unknown, FaultClass cls) = Assess(pod, evt.Devices);
        if (!unhealthy && !unknown)
        {
            PodWatchPhase calm = state.Phase == PodWatchPhase.Replaced ? PodWatchPhase.Replaced : PodWatchPhase.Running;
            return Move(state, calm, null, state.Phase == calm ? state.Since : now, DateTimeOffset.MinValue);
        }

        DateTimeOffset atRiskSince = state.AtRiskSince != DateTimeOffset.MinValue ? state.AtRiskSince
            : evt.Devices.Unhealthy && evt.Devices.Since != DateTimeOffset.MinValue && evt.Devices.Since <= now ? evt.Devices.Since
            : now;
        HoldReason? hold = OwnerHold(pod, out string holdMessage);
        if (hold is HoldReason reason)
        {
            if (state.Phase == PodWatchPhase.Held && state.HoldReason == reason)
            {
                return MachineResult.Quiet(state with { AtRiskSince = atRiskSince });
            }

            PodWatchState held = state with { Phase = PodWatchPhase.Held, HoldReason = reason, Since = now, AtRiskSince = atRiskSince };
            return new MachineResult<PodWatchState>(held, [
                new Hold($"{pod.Namespace}/{pod.Name}", reason, holdMessage, Key(pod, "hold-" + reason.ToString())),
            ]);
        }

        bool due = unhealthy && now - atRiskSince >= _options.MinUnhealthy && (IsCrashLooping(pod) || cls != FaultClass.App);
        if (!due)
        {
            return Move(state, PodWatchPhase.AtRisk, null, state.Phase == PodWatchPhase.AtRisk ? state.Since : now, atRiskSince);
        }

        string why = $"bound device unhealthy ({DeviceHealthMachine.ClassName(cls)}) since {atRiskSince:O}";
        ActionIntent action = _options.UseEviction
            ? new EvictPod(pod.Namespace, pod.Name, pod.Uid, why, Key(pod, "evict"))
            : new DeletePod(pod.Namespace, pod.Name, pod.Uid, why, Key(pod, "delete"));
        PodWatchState evicting = state with { Phase = PodWatchPhase.Evicting, HoldReason = null, Since = now, AtRiskSince = atRiskSince };
        return new MachineResult<PodWatchState>(evicting, [action]);
    }

    /// <summary>Whether the pod's controller owner recreates deleted pods.</summary>
    /// <param name="pod">The pod.</param>
    /// <returns>True for ReplicaSet, StatefulSet, DaemonSet and ReplicationController owners.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pod"/> is null.</exception>
    public static bool HasRecreatingOwner(PodSnapshot pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Controller is { } owner && s_recreatingKinds.Contains(owner.Kind);
    }

    private HoldReason? OwnerHold(PodSnapshot pod, out string message)
    {
        OwnerReference? owner = pod.Controller;
        if (pod.Labels.ContainsKey(_options.GangLabel))
        {
            message = "gang member: handed to the gang planner";
            return HoldReason.GangManaged;
        }

        if (owner is { Kind: "Job" })
        {
            message = $"Job pod ({owner.Value.Name}): left to the Job's podFailurePolicy";
            return HoldReason.JobManaged;
        }

        if (owner is null)
        {
            message = "bare pod: no controller would recreate it, deleting it would lose the work";
            return HoldReason.NoController;
        }

        if (!s_recreatingKinds.Contains(owner.Value.Kind))
        {
            message = $"owner kind {owner.Value.Kind} is not known to recreate deleted pods";
            return HoldReason.NoController;
        }

        message = "";
        return null;
    }

    private bool IsCrashLooping(PodSnapshot pod)
    {
        foreach (ContainerStatusSnapshot c in pod.ContainerStatuses)
        {
            if (c.WaitingReason == "CrashLoopBackOff" || c.RestartCount >= _options.CrashLoopRestarts)
            {
                return true;
            }
        }

        return false;
    }

    private static (bool Unhealthy, bool Unknown, FaultClass Class) Assess(PodSnapshot pod, DeviceVerdict devices)
    {
        bool unhealthy = devices.Unhealthy;
        bool unknown = devices.Unknown;
        FaultClass cls = devices.Unhealthy ? devices.Class : FaultClass.None;
        foreach (ContainerStatusSnapshot c in pod.ContainerStatuses)
        {
            Scan(c.AllocatedResourcesStatus, ref unhealthy, ref unknown, ref cls);
        }

        Scan(pod.AllocatedResourcesStatus, ref unhealthy, ref unknown, ref cls);
        return (unhealthy, unknown, cls);
    }

    private static void Scan(IReadOnlyList<ResourceStatus> statuses, ref bool unhealthy, ref bool unknown, ref FaultClass cls)
    {
        foreach (ResourceStatus status in statuses)
        {
            foreach (ResourceHealth r in status.Resources)
            {
                if (r.Health == ResourceHealthState.Unhealthy)
                {
                    if (!unhealthy)
                    {
                        // KEP-4680 does not say why; an unexplained fault is not app-class.
                        cls = FaultClass.Unknown;
                    }

                    unhealthy = true;
                }
                else if (r.Health == ResourceHealthState.Unknown)
                {
                    unknown = true;
                }
            }
        }
    }

    private static MachineResult<PodWatchState> Move(
        PodWatchState state,
        PodWatchPhase phase,
        HoldReason? reason,
        DateTimeOffset since,
        DateTimeOffset atRiskSince)
    {
        DateTimeOffset s = state.Phase == phase ? state.Since : since;
        return MachineResult.Quiet(state with { Phase = phase, HoldReason = reason, Since = s, AtRiskSince = atRiskSince });
    }

    private static string Key(PodSnapshot pod, string what) => $"pod/{pod.Namespace}/{pod.Name}/{pod.Uid}/{what}";
}
