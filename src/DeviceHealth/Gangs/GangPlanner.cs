using System.Globalization;
using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Machines;

namespace DeviceHealth.Gangs;

/// <summary>
/// The gang restart planner as a pure function. App or transient failures restart in place while in-place attempts
/// remain (devices kept, generation unchanged); device or node failures, or spent in-place attempts, replace only the
/// failed ranks when the workload supports it, otherwise everything is recreated with BlockingRecreate semantics (the new
/// generation is created only after the old one is gone, so at most one generation is ever live). Disruptions do not
/// count toward <c>maxRestarts</c>; a counted failure with the budget spent fails the gang.
/// </summary>
public sealed class GangPlanner
{
    private readonly GangPlannerOptions _options;

    /// <summary>Creates the planner.</summary>
    /// <param name="options">Budgets (null: defaults).</param>
    public GangPlanner(GangPlannerOptions? options = null)
    {
        _options = options ?? new GangPlannerOptions();
    }

    /// <summary>Applies one event.</summary>
    /// <param name="gangName">The gang, used in intents and keys.</param>
    /// <param name="state">The current state.</param>
    /// <param name="evt">The event.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The new state and the intents to apply.</returns>
    public MachineResult<GangState> Apply(string gangName, GangState state, GangEvent evt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(gangName);
        IReadOnlyList<int> ranks = evt.Ranks ?? [];
        if (state.Phase is GangPhase.Failed or GangPhase.Succeeded)
        {
            return MachineResult.Quiet(state);
        }

        switch (evt.Kind)
        {
            case GangEventKind.Completed:
                return MachineResult.Quiet(state with { Phase = GangPhase.Succeeded, Since = now, Ranks = [] });
            case GangEventKind.RanksSlow when state.Phase is GangPhase.Running or GangPhase.Degraded:
                return MachineResult.Quiet(state with { Phase = GangPhase.Degraded, Ranks = ranks, Since = state.Phase == GangPhase.Degraded ? state.Since : now });
            case GangEventKind.RanksRecovered when state.Phase == GangPhase.Degraded:
                return MachineResult.Quiet(state with { Phase = GangPhase.Running, Ranks = [], Since = now });
            case GangEventKind.RanksFailed:
                return OnFailure(gangName, state, ranks, evt.Cause, now);
            case GangEventKind.OldGenerationGone when state.Phase == GangPhase.RecreatingAll && state.PendingGeneration != 0:
                return MachineResult.Quiet(state with
                {
                    Generation = state.PendingGeneration,
                    PendingGeneration = 0,
                    LiveGenerations = 1,
                });
            case GangEventKind.OldGenerationGone when state.LiveGenerations > 1:
                return MachineResult.Quiet(state with { LiveGenerations = 1 });
            case GangEventKind.RestartCompleted when state.Phase is GangPhase.RestartingInPlace or GangPhase.Replacing
                || (state.Phase == GangPhase.RecreatingAll && state.PendingGeneration == 0):
                return MachineResult.Quiet(state with { Phase = GangPhase.Running, Ranks = [], Since = now });
            default:
                return MachineResult.Quiet(state);
        }
    }

    private MachineResult<GangState> OnFailure(string gang, GangState state, IReadOnlyList<int> ranks, GangFailureCause cause, DateTimeOffset now)
    {
        bool counted = cause != GangFailureCause.Disruption;
        if (counted && state.Restarts >= _options.MaxRestarts)
        {
            GangState failed = state with { Phase = GangPhase.Failed, Ranks = ranks, Since = now, LiveGenerations = 0, PendingGeneration = 0 };
            return new MachineResult<GangState>(failed, [
                new Hold(gang, HoldReason.RestartBudgetExhausted,
                    $"{state.Restarts} counted restart(s) spent (maxRestarts {_options.MaxRestarts}); the gang fails",
                    Key(gang, state, "failed")),
            ]);
        }

        int restarts = state.Restarts + (counted ? 1 : 0);
        if (cause == GangFailureCause.App && state.InPlaceAttempts < _options.MaxInPlaceRestarts
            && state.Phase != GangPhase.RecreatingAll)
        {
            int attempt = state.InPlaceAttempts + 1;
            GangState inPlace = state with
            {
                Phase = GangPhase.RestartingInPlace,
                InPlaceAttempts = attempt,
                Restarts = restarts,
                Ranks = ranks,
                Since = now,
            };
            return new MachineResult<GangState>(inPlace, [
                new RestartGang(gang, GangRestartMode.InPlace, state.Generation, ranks, Key(gang, inPlace, "inplace")),
            ]);
        }

        if (_options.CanReplaceRanks && state.Phase != GangPhase.RecreatingAll && ranks.Count > 0)
        {
            GangState replacing = state with { Phase = GangPhase.Replacing, Restarts = restarts, Ranks = ranks, Since = now };
            return new MachineResult<GangState>(replacing, [
                new RestartGang(gang, GangRestartMode.ReplaceRanks, state.Generation, ranks, Key(gang, replacing, "replace")),
            ]);
        }

        int next = Math.Max(state.Generation, state.PendingGeneration) + 1;
        GangState recreating = _options.BlockingRecreate
            ? state with { Phase = GangPhase.RecreatingAll, PendingGeneration = next, Restarts = restarts, Ranks = ranks, Since = now }
            : state with
            {
                // Recreate: the new generation starts at once; the old one is live until its pods are gone.
                Phase = GangPhase.RecreatingAll,
                Generation = next,
                PendingGeneration = 0,
                LiveGenerations = Math.Min(state.LiveGenerations + 1, 2),
                Restarts = restarts,
                Ranks = ranks,
                Since = now,
            };
        return new MachineResult<GangState>(recreating, [
            new RestartGang(gang, GangRestartMode.RecreateAll, next, ranks, Key(gang, recreating, "recreate")),
        ]);
    }

    private static string Key(string gang, GangState s, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"gang/{gang}/{s.Generation}/{s.Restarts}/{s.InPlaceAttempts}/{what}");
}
