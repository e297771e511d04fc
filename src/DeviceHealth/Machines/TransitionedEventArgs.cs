using DeviceHealth.Actions;

namespace DeviceHealth.Machines;

/// <summary>Describes one state change of a controller; raised through its <c>Transitioned</c> event.</summary>
/// <typeparam name="TState">The machine's state type.</typeparam>
public sealed class TransitionedEventArgs<TState> : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="subject">The device, node, pod or gang that changed.</param>
    /// <param name="trigger">The name of the event kind that caused the change.</param>
    /// <param name="from">The state before.</param>
    /// <param name="to">The state after.</param>
    /// <param name="actions">The intents emitted by the transition.</param>
    /// <param name="at">When (from the controller's <see cref="TimeProvider"/>).</param>
    public TransitionedEventArgs(
        string subject,
        string trigger,
        TState from,
        TState to,
        IReadOnlyList<ActionIntent> actions,
        DateTimeOffset at)
    {
        Subject = subject;
        Trigger = trigger;
        From = from;
        To = to;
        Actions = actions;
        At = at;
    }

    /// <summary>The device, node, pod or gang that changed.</summary>
    public string Subject { get; }

    /// <summary>The name of the event kind that caused the change.</summary>
    public string Trigger { get; }

    /// <summary>The state before.</summary>
    public TState From { get; }

    /// <summary>The state after.</summary>
    public TState To { get; }

    /// <summary>The intents emitted by the transition.</summary>
    public IReadOnlyList<ActionIntent> Actions { get; }

    /// <summary>When the transition happened.</summary>
    public DateTimeOffset At { get; }
}
