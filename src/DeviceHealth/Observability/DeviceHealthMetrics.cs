using System.Diagnostics.Metrics;
using DeviceHealth.Actions;

namespace DeviceHealth.Observability;

/// <summary>
/// The package's instruments, on meter <see cref="MeterName"/>: <c>devicehealth.transitions</c> (tags <c>machine</c>,
/// <c>from</c>, <c>to</c>), <c>devicehealth.actions</c> (tags <c>machine</c>, <c>intent</c>) and
/// <c>devicehealth.holds</c> (tags <c>machine</c>, <c>reason</c>).
/// </summary>
public sealed class DeviceHealthMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "DeviceHealth";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _actions;
    private readonly Counter<long> _holds;

    /// <summary>Creates the instruments from a factory (the DI way) or on a private meter when none is given.</summary>
    /// <param name="meterFactory">The factory, or null.</param>
    public DeviceHealthMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _ownsMeter = meterFactory is null;
        _transitions = _meter.CreateCounter<long>("devicehealth.transitions", "{transition}", "State changes of the machines.");
        _actions = _meter.CreateCounter<long>("devicehealth.actions", "{action}", "Action intents emitted.");
        _holds = _meter.CreateCounter<long>("devicehealth.holds", "{hold}", "Decisions not to act, by reason.");
    }

    internal void RecordTransition(string machine, string from, string to)
    {
        if (_transitions.Enabled)
        {
            _transitions.Add(1, new("machine", machine), new("from", from), new("to", to));
        }
    }

    internal void RecordAction(string machine, ActionIntent intent)
    {
        if (intent is Hold hold && _holds.Enabled)
        {
            _holds.Add(1, new KeyValuePair<string, object?>("machine", machine), new("reason", hold.Reason.ToString()));
        }

        if (_actions.Enabled)
        {
            _actions.Add(1, new KeyValuePair<string, object?>("machine", machine), new("intent", intent.GetType().Name));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
