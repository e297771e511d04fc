using System.Numerics;
using DeviceHealth.Configuration;

namespace DeviceHealth.Degradation;

/// <summary>
/// Flags ranks that are persistently slower than their role peers. Each step, a rank's time is divided by the median
/// of the ranks with the same role key in that step (so cluster-wide shifts and stage imbalance cancel out); the ratio
/// feeds an EWMA and a one-sided CUSUM. k of the last n windows above the enter threshold make a rank Suspect; after a
/// dwell it is Confirmed by a second signal or a mean shift of at least <see cref="DegradationOptions.ConfirmMeanShift"/>;
/// k_out windows below the (lower) exit threshold return it to Normal (hysteresis). Not thread-safe.
/// </summary>
public sealed class DegradationDetector
{
    private readonly DegradationOptions _options;
    private readonly Dictionary<int, RankState> _ranks = [];
    private readonly ulong _windowMask;
    private int _confirmed;

    /// <summary>Creates the detector.</summary>
    /// <param name="options">Settings (null: defaults).</param>
    public DegradationDetector(DegradationOptions? options = null)
    {
        _options = options ?? new DegradationOptions();
        int n = Math.Clamp(_options.WindowCount, 1, 64);
        _windowMask = n == 64 ? ulong.MaxValue : (1UL << n) - 1;
    }

    /// <summary>Samples skipped so far (special steps, bad times, ranks without peers).</summary>
    public int SkippedSamples { get; private set; }

    /// <summary>The state of a rank (default when never seen).</summary>
    /// <param name="rank">The rank.</param>
    /// <returns>The state.</returns>
    public RankState GetState(int rank) => _ranks.GetValueOrDefault(rank);

    /// <summary>Ranks currently Confirmed, ascending.</summary>
    public IReadOnlyList<int> ConfirmedRanks =>
        [.. _ranks.Where(static p => p.Value.Phase == RankPhase.Confirmed).Select(static p => p.Key).Order()];

    /// <summary>Records the verdict of a second signal (benchmark, DCGM clocks-event reasons, thermal) for a rank.</summary>
    /// <param name="rank">The rank.</param>
    /// <param name="agrees">Whether it confirms the slowdown.</param>
    public void ReportSecondSignal(int rank, bool agrees)
    {
        if (_ranks.TryGetValue(rank, out RankState s))
        {
            _ranks[rank] = s with { SecondSignal = agrees };
        }
    }

    /// <summary>Marks a rank as being mitigated (no new alarms until <see cref="EndMitigation"/>).</summary>
    /// <param name="rank">The rank.</param>
    /// <param name="step">The current step.</param>
    public void BeginMitigation(int rank, long step)
    {
        RankState s = _ranks.GetValueOrDefault(rank);
        if (s.Phase == RankPhase.Confirmed)
        {
            _confirmed--;
        }

        _ranks[rank] = s with { Phase = RankPhase.Mitigating, SinceStep = step };
    }

    /// <summary>Ends a mitigation; the rank stays in Cooldown for the given number of steps, then starts afresh.</summary>
    /// <param name="rank">The rank.</param>
    /// <param name="step">The current step.</param>
    /// <param name="cooldownSteps">Steps without alarms.</param>
    public void EndMitigation(int rank, long step, int cooldownSteps)
    {
        RankState s = _ranks.GetValueOrDefault(rank);
        _ranks[rank] = s with { Phase = RankPhase.Cooldown, SinceStep = step, CooldownUntilStep = step + cooldownSteps };
    }

    /// <summary>Feeds one step: the samples of every traced rank for that step.</summary>
    /// <param name="samples">The samples (one per rank; all with the same step number).</param>
    /// <returns>The phase changes caused.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    public IReadOnlyList<RankTransition> ObserveStep(IReadOnlyList<StepSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        List<RankTransition> transitions = [];
        Dictionary<string, List<double>> byRole = new(StringComparer.Ordinal);
        foreach (StepSample s in samples)
        {
            if (Usable(s))
            {
                if (!byRole.TryGetValue(s.RoleKey ?? "", out List<double>? list))
                {
                    byRole[s.RoleKey ?? ""] = list = [];
                }

                list.Add(s.Seconds);
            }
        }

        Dictionary<string, double> medians = new(StringComparer.Ordinal);
        foreach ((string role, List<double> values) in byRole)
        {
            if (values.Count >= 2)
            {
                medians[role] = Median(values);
            }
        }

        foreach (StepSample s in samples)
        {
            if (!Usable(s) || !medians.TryGetValue(s.RoleKey ?? "", out double median) || median <= 0)
            {
                SkippedSamples++;
                continue;
            }

            RankState before = _ranks.GetValueOrDefault(s.Rank);
            RankState after = Update(before, s.Seconds / median, s.Step);
            _ranks[s.Rank] = after;
            if (after.Phase != before.Phase)
            {
                transitions.Add(new RankTransition(s.Rank, before.Phase, after.Phase, s.Step, after.Ewma));
            }
        }

        return transitions;
    }

    /// <summary>Runs a fresh detector over a whole trace (samples grouped by step, steps in ascending order).</summary>
    /// <param name="samples">The trace.</param>
    /// <param name="options">Settings (null: defaults).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    public static DetectorReport Analyze(IEnumerable<StepSample> samples, DegradationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        DegradationDetector detector = new(options);
        List<RankTransition> transitions = [];
        SortedSet<int> flagged = [];
        Dictionary<int, double> maxRatio = [];
        Dictionary<int, string> roles = [];
        Dictionary<int, List<double>> own = [];
        int steps = 0;
        foreach (IGrouping<long, StepSample> step in samples.GroupBy(static s => s.Step).OrderBy(static g => g.Key))
        {
            steps++;
            StepSample[] batch = [.. step];
            foreach (RankTransition t in detector.ObserveStep(batch))
            {
                transitions.Add(t);
                if (t.To == RankPhase.Confirmed)
                {
                    flagged.Add(t.Rank);
                }
            }

            foreach (StepSample s in batch)
            {
                roles[s.Rank] = s.RoleKey ?? "";
                if (!own.TryGetValue(s.Rank, out List<double>? list))
                {
                    own[s.Rank] = list = [];
                }

                if (double.IsFinite(s.Seconds))
                {
                    list.Add(s.Seconds);
                }

                RankState st = detector.GetState(s.Rank);
                if (st.Samples > 0)
                {
                    maxRatio[s.Rank] = Math.Max(maxRatio.GetValueOrDefault(s.Rank), st.Ewma);
                }
            }
        }

        RankSummary[] ranks = [.. roles.Keys.Order().Select(r => new RankSummary(
            r, roles[r], maxRatio.GetValueOrDefault(r), own[r].Count > 0 ? Median(own[r]) : double.NaN, detector.GetState(r).Phase))];
        return new DetectorReport([.. flagged], transitions, ranks, steps, detector.SkippedSamples);
    }

    private static bool Usable(StepSample s) => !s.IsSpecial && double.IsFinite(s.Seconds) && s.Seconds > 0;

    private RankState Update(RankState s, double ratio, long step)
    {
        double lambda = _options.EwmaLambda;
        double k = _options.CusumDelta / 2;
        int samples = s.Samples + 1;
        double ewma = s.Samples == 0 ? ratio : (lambda * ratio) + ((1 - lambda) * s.Ewma);
        double cusum = Math.Max(0, s.Cusum + (ratio - 1) - k);
        bool slow = ewma >= _options.EnterThreshold || cusum >= _options.CusumThreshold;
        bool normal = ewma <= _options.ExitThreshold;
        ulong slowBits = ((s.SlowWindows << 1) | (slow ? 1UL : 0)) & _windowMask;
        ulong normalBits = ((s.NormalWindows << 1) | (normal ? 1UL : 0)) & _windowMask;
        RankState next = s with { Samples = samples, Ewma = ewma, Cusum = cusum, SlowWindows = slowBits, NormalWindows = normalBits };
        switch (s.Phase)
        {
            case RankPhase.WarmingUp:
                return samples >= _options.MinSamples ? next with { Phase = RankPhase.Normal, SinceStep = step } : next;
            case RankPhase.Normal:
                return BitOperations.PopCount(slowBits) >= _options.EnterCount
                    ? next with { Phase = RankPhase.Suspect, SinceStep = step, SecondSignal = false }
                    : next;
            case RankPhase.Suspect:
                if (BitOperations.PopCount(normalBits) >= _options.ExitCount)
                {
                    return next with { Phase = RankPhase.Normal, SinceStep = step, Cusum = 0 };
                }

                bool confirmedBySignal = _options.RequireSecondSignal ? s.SecondSignal : ewma - 1 >= _options.ConfirmMeanShift;
                if (step - s.SinceStep >= _options.DwellSteps && confirmedBySignal && _confirmed < _options.MaxFlagged)
                {
                    _confirmed++;
                    return next with { Phase = RankPhase.Confirmed, SinceStep = step };
                }

                return next;
            case RankPhase.Confirmed:
                if (BitOperations.PopCount(normalBits) >= _options.ExitCount)
                {
                    _confirmed--;
                    return next with { Phase = RankPhase.Normal, SinceStep = step, Cusum = 0 };
                }

                return next;
            case RankPhase.Mitigating:
                return s;
            case RankPhase.Cooldown:
                return step >= s.CooldownUntilStep
                    ? new RankState(RankPhase.WarmingUp, 0, 0, 0, 0, 0, step, 0, false)
                    : s;
            default:
                return next;
        }
    }

    internal static double Median(List<double> values)
    {
        double[] a = [.. values];
        Array.Sort(a);
        int mid = a.Length / 2;
        return a.Length % 2 == 1 ? a[mid] : (a[mid - 1] + a[mid]) / 2;
    }
}
