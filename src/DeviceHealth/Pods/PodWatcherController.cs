using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Machines;
using DeviceHealth.Observability;
using Microsoft.Extensions.Logging;

namespace DeviceHealth.Pods;

/// <summary>
/// Holds the pod watcher's state per pod (by namespace and name), with time from a <see cref="TimeProvider"/>;
/// <see cref="Tick"/> re-evaluates the last snapshot of every pod so that timers fire without new events.
/// </summary>
public sealed class PodWatcherController
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (PodWatchState State, PodWatchEvent Last)> _pods = new(StringComparer.Ordinal);
    private readonly PodWatcherMachine _machine;
    private readonly TimeProvider _time;
    private readonly ControllerCore<PodWatchState> _core;

    /// <summary>Creates the controller.</summary>
    /// <param name="options">Settings (null: defaults).</param>
    /// <param name="timeProvider">The clock (null: system).</param>
    /// <param name="logger">The logger (null: none).</param>
    /// <param name="metrics">The instruments (null: a shared private meter).</param>
    public PodWatcherController(
        PodWatcherOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<PodWatcherController>? logger = null,
        DeviceHealthMetrics? metrics = null)
    {
        _machine = new PodWatcherMachine(options);
        _time = timeProvider ?? TimeProvider.System;
        _core = new ControllerCore<PodWatchState>("pod", logger, metrics);
    }

    /// <summary>Raised after every change of a pod's state (or when intents were emitted).</summary>
    public event EventHandler<TransitionedEventArgs<PodWatchState>>? Transitioned;

    /// <summary>The state of a pod (<see cref="PodWatchState.Initial"/> when never seen).</summary>
    /// <param name="namespaceName">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <returns>The state.</returns>
    public PodWatchState GetState(string namespaceName, string name)
    {
        lock (_lock)
        {
            return _pods.TryGetValue(namespaceName + "/" + name, out var entry) ? entry.State : PodWatchState.Initial;
        }
    }

    /// <summary>Applies one event at the clock's current time.</summary>
    /// <param name="evt">The event.</param>
    /// <returns>The intents to apply.</returns>
    /// <exception cref="ArgumentException">The event carries no pod.</exception>
    public IReadOnlyList<ActionIntent> Process(PodWatchEvent evt)
    {
        if (evt.Pod is null)
        {
            throw new ArgumentException("The event carries no pod.", nameof(evt));
        }

        string key = evt.Pod.Namespace + "/" + evt.Pod.Name;
        DateTimeOffset now = _time.GetUtcNow();
        PodWatchState from;
        MachineResult<PodWatchState> result;
        lock (_lock)
        {
            from = _pods.TryGetValue(key, out var entry) ? entry.State : PodWatchState.Initial;
            result = _machine.Apply(from, evt, now);
            if (result.State.Phase == PodWatchPhase.Gone)
            {
                _pods.Remove(key);
            }
            else
            {
                _pods[key] = (result.State, evt);
            }
        }

        _core.Report(this, Transitioned, key, evt.Kind.ToString(), from, result.State,
            static s => s.Phase == PodWatchPhase.Held ? $"Held({s.HoldReason})" : s.Phase.ToString(), result.Actions, now);
        return result.Actions;
    }

    /// <summary>Re-evaluates every pod's last snapshot (timers) at the clock's current time.</summary>
    /// <returns>Every intent produced.</returns>
    public IReadOnlyList<ActionIntent> Tick()
    {
        PodWatchEvent[] last;
        lock (_lock)
        {
            last = [.. _pods.Values.Select(static e => e.Last with { Pod = e.Last.Pod.WithoutResourceVersion() })];
        }

        List<ActionIntent> all = [];
        foreach (PodWatchEvent e in last)
        {
            all.AddRange(Process(e));
        }

        return all;
    }
}
