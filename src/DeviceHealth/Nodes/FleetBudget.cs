using DeviceHealth.Actions;

namespace DeviceHealth.Nodes;

/// <summary>
/// What the fleet allows right now, computed by <see cref="NodePoolController"/> (or the caller) and passed to
/// <see cref="NodePoolMachine.Apply"/>: whether a new action may start, and if not, why.
/// </summary>
/// <param name="BlockReason">Null when a new action may start; otherwise the reason (budget, pause, upgrade, storm).</param>
public readonly record struct FleetBudget(HoldReason? BlockReason)
{
    /// <summary>New actions are allowed.</summary>
    public static FleetBudget Open => new(null);

    /// <summary>Whether a new action may start.</summary>
    public bool AllowsNewAction => BlockReason is null;
}
