using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Machines;
using DeviceHealth.Observability;
using Microsoft.Extensions.Logging;

namespace DeviceHealth.Gangs;

/// <summary>Holds the state of many gangs and feeds them through <see cref="GangPlanner"/>.</summary>
public sealed class GangController
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, GangState> _gangs = new(StringComparer.Ordinal);
    private readonly GangPlanner _planner;
    private readonly TimeProvider _time;
    private readonly ControllerCore<GangState> _core;

    /// <summary>Creates the controller.</summary>
    /// <param name="options">Budgets (null: defaults).</param>
    /// <param name="timeProvider">The clock (null: system).</param>
    /// <param name="logger">The logger (null: none).</param>
    /// <param name="metrics">The instruments (null: a shared private meter).</param>
    public GangController(
        GangPlannerOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<GangController>? logger = null,
        DeviceHealthMetrics? metrics = null)
    {
        _planner = new GangPlanner(options);
        _time = timeProvider ?? TimeProvider.System;
        _core = new ControllerCore<GangState>("gang", logger, metrics);
    }

    /// <summary>Raised after every change of a gang's state (or when intents were emitted).</summary>
    public event EventHandler<TransitionedEventArgs<GangState>>? Transitioned;

    /// <summary>The state of a gang (<see cref="GangState.Initial"/> when never seen).</summary>
    /// <param name="gangName">The gang.</param>
    /// <returns>The state.</returns>
    public GangState GetState(string gangName)
    {
        lock (_lock)
        {
            return _gangs.TryGetValue(gangName, out GangState s) ? s : GangState.Initial;
        }
    }

    /// <summary>Applies one event at the clock's current time.</summary>
    /// <param name="gangName">The gang.</param>
    /// <param name="evt">The event.</param>
    /// <returns>The intents to apply.</returns>
    public IReadOnlyList<ActionIntent> Process(string gangName, GangEvent evt)
    {
        ArgumentException.ThrowIfNullOrEmpty(gangName);
        DateTimeOffset now = _time.GetUtcNow();
        GangState from;
        MachineResult<GangState> result;
        lock (_lock)
        {
            from = _gangs.TryGetValue(gangName, out GangState s) ? s : GangState.Initial;
            result = _planner.Apply(gangName, from, evt, now);
            _gangs[gangName] = result.State;
        }

        _core.Report(this, Transitioned, gangName, evt.Kind.ToString(), from, result.State,
            static s => s.Phase.ToString(), result.Actions, now);
        return result.Actions;
    }
}
