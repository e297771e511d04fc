using DeviceHealth.Actions;

namespace DeviceHealth.Machines;

/// <summary>The result of applying one event to a pure state machine: the new state and the intents it asks for.</summary>
/// <typeparam name="TState">The machine's state type.</typeparam>
/// <param name="State">The state after the event.</param>
/// <param name="Actions">The intents to apply, in order; empty (never null) when there is nothing to do.</param>
public readonly record struct MachineResult<TState>(TState State, IReadOnlyList<ActionIntent> Actions);

/// <summary>Helpers to build <see cref="MachineResult{TState}"/> values.</summary>
internal static class MachineResult
{
    /// <summary>A result with no actions.</summary>
    public static MachineResult<TState> Quiet<TState>(TState state) => new(state, []);
}
