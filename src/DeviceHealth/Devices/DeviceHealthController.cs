using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Machines;
using DeviceHealth.Observability;
using DeviceHealth.Signals;
using Microsoft.Extensions.Logging;

namespace DeviceHealth.Devices;

/// <summary>
/// Holds the state of many devices and feeds them through <see cref="DeviceHealthMachine"/>, with time from a
/// <see cref="TimeProvider"/>. Thread-safe (one lock); raises <see cref="Transitioned"/>, logs and meters every change.
/// </summary>
public sealed class DeviceHealthController
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DeviceState> _states = new(StringComparer.Ordinal);
    private readonly DeviceHealthMachine _machine;
    private readonly TimeProvider _time;
    private readonly XidPolicy _policy;
    private readonly ControllerCore<DeviceState> _core;

    /// <summary>Creates the controller.</summary>
    /// <param name="options">Device machine settings (null: defaults).</param>
    /// <param name="timeProvider">The clock (null: system).</param>
    /// <param name="policy">The XID policy used by <see cref="Observe(string, KernelEvent)"/> (null: default).</param>
    /// <param name="logger">The logger (null: none).</param>
    /// <param name="metrics">The instruments (null: a shared private meter).</param>
    public DeviceHealthController(
        DeviceMachineOptions? options = null,
        TimeProvider? timeProvider = null,
        XidPolicy? policy = null,
        ILogger<DeviceHealthController>? logger = null,
        DeviceHealthMetrics? metrics = null)
    {
        _machine = new DeviceHealthMachine(options);
        _time = timeProvider ?? TimeProvider.System;
        _policy = policy ?? XidPolicy.Default;
        _core = new ControllerCore<DeviceState>("device", logger, metrics);
    }

    /// <summary>Raised after every change of a device's state (or when intents were emitted).</summary>
    public event EventHandler<TransitionedEventArgs<DeviceState>>? Transitioned;

    /// <summary>The number of devices tracked.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _states.Count;
            }
        }
    }

    /// <summary>The state of a device (<see cref="DeviceState.Initial"/> when never seen).</summary>
    /// <param name="deviceId">The device.</param>
    /// <returns>The state.</returns>
    public DeviceState GetState(string deviceId)
    {
        lock (_lock)
        {
            return _states.GetValueOrDefault(deviceId);
        }
    }

    /// <summary>Applies one event at the clock's current time.</summary>
    /// <param name="evt">The event.</param>
    /// <returns>The intents to apply.</returns>
    /// <exception cref="ArgumentException">The event has no device ID.</exception>
    public IReadOnlyList<ActionIntent> Process(DeviceEvent evt)
    {
        ArgumentException.ThrowIfNullOrEmpty(evt.DeviceId, nameof(evt));
        DateTimeOffset now = _time.GetUtcNow();
        DeviceState from;
        MachineResult<DeviceState> result;
        lock (_lock)
        {
            from = _states.GetValueOrDefault(evt.DeviceId);
            result = _machine.Apply(from, evt, now);
            _states[evt.DeviceId] = result.State;
        }

        _core.Report(this, Transitioned, evt.DeviceId, evt.Kind.ToString(), from, result.State, Describe, result.Actions, now);
        return result.Actions;
    }

    /// <summary>Classifies a kernel event with the policy and applies it to a device.</summary>
    /// <param name="deviceId">The device the event's PCI address belongs to.</param>
    /// <param name="evt">The kernel event.</param>
    /// <returns>The intents to apply.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evt"/> is null.</exception>
    public IReadOnlyList<ActionIntent> Observe(string deviceId, KernelEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        DeviceEvent e = evt.Kind == KernelEventKind.GpuLost
            ? new DeviceEvent(DeviceEventKind.GpuLost, deviceId)
            : new DeviceEvent(DeviceEventKind.Xid, deviceId, evt.Xid, _policy.Classify(evt));
        return Process(e);
    }

    /// <summary>Sends a tick to every device (deadlines are checked against the clock).</summary>
    /// <returns>Every intent produced.</returns>
    public IReadOnlyList<ActionIntent> Tick()
    {
        string[] ids;
        lock (_lock)
        {
            ids = [.. _states.Keys];
        }

        List<ActionIntent> all = [];
        foreach (string id in ids)
        {
            all.AddRange(Process(DeviceEvent.Tick(id)));
        }

        return all;
    }

    private static string Describe(DeviceState s) => s.Phase is DevicePhase.Unhealthy or DevicePhase.Quarantined
        ? $"{s.Phase}({DeviceHealthMachine.ClassName(s.Class)})"
        : s.Phase.ToString();
}
