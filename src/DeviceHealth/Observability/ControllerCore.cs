using DeviceHealth.Actions;
using DeviceHealth.Machines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeviceHealth.Observability;

/// <summary>What every controller does after a step: raise the event, log and meter.</summary>
internal sealed class ControllerCore<TState>
    where TState : struct
{
    private readonly string _machine;
    private readonly ILogger _logger;
    private readonly DeviceHealthMetrics _metrics;

    public ControllerCore(string machine, ILogger? logger, DeviceHealthMetrics? metrics)
    {
        _machine = machine;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics ?? s_shared;
    }

    private static readonly DeviceHealthMetrics s_shared = new();

    public void Report(
        object sender,
        EventHandler<TransitionedEventArgs<TState>>? handler,
        string subject,
        string trigger,
        TState from,
        TState to,
        Func<TState, string> describe,
        IReadOnlyList<ActionIntent> actions,
        DateTimeOffset at)
    {
        foreach (ActionIntent action in actions)
        {
            _metrics.RecordAction(_machine, action);
            if (action is Hold hold)
            {
                Log.Held(_logger, _machine, subject, hold.Reason.ToString(), hold.Message);
            }
            else if (_logger.IsEnabled(LogLevel.Debug))
            {
                Log.Intent(_logger, _machine, subject, action.GetType().Name, action.IdempotencyKey);
            }
        }

        if (EqualityComparer<TState>.Default.Equals(from, to) && actions.Count == 0)
        {
            return;
        }

        string fromText = describe(from);
        string toText = describe(to);
        if (fromText != toText)
        {
            _metrics.RecordTransition(_machine, fromText, toText);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                Log.Transitioned(_logger, _machine, subject, fromText, toText, trigger, actions.Count);
            }
        }

        if (handler is null)
        {
            return;
        }

        try
        {
            handler(sender, new TransitionedEventArgs<TState>(subject, trigger, from, to, actions, at));
        }
#pragma warning disable CA1031 // A subscriber's failure must not corrupt the machine's state; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_logger, _machine, ex);
        }
    }
}
