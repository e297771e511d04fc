using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Devices;
using DeviceHealth.Machines;

namespace DeviceHealth.Simulation;

/// <summary>
/// Generates a failure trace for N nodes of G GPUs from published rates (a Poisson process at
/// <see cref="SimulationOptions.FailuresPerGpuHour"/>, root causes drawn from the category mix) and replays it through
/// each policy: one synchronous job spans all non-spare nodes; a failure on a job node stops it; the failed node is
/// repaired (manually, or through <see cref="DeviceHealthMachine"/>'s reset / reboot / quarantine ladder) while a spare
/// takes its place. Deterministic for a seed (xoshiro256**).
/// </summary>
public static class FleetSimulator
{
    /// <summary>Generates the trace only.</summary>
    /// <param name="options">Settings.</param>
    /// <returns>The failures, by time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size, duration or rate is out of range.</exception>
    public static IReadOnlyList<FailureEvent> GenerateTrace(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        IReadOnlyList<FailureCategory> categories = options.Categories ?? FailureCategory.Llama3;
        double[] cumulative = new double[categories.Count];
        double total = 0;
        for (int i = 0; i < categories.Count; i++)
        {
            total += Math.Max(0, categories[i].Count);
            cumulative[i] = total;
        }

        Xoshiro256StarStar rng = new(options.Seed);
        double horizon = options.Days * 24;
        double rate = options.FailuresPerGpuHour * options.Nodes * options.GpusPerNode;
        List<FailureEvent> trace = [];
        if (rate <= 0 || total <= 0)
        {
            return trace;
        }

        double t = rng.NextExponential(rate);
        while (t < horizon)
        {
            int node = rng.NextInt(options.Nodes);
            int gpu = rng.NextInt(options.GpusPerNode);
            double pick = rng.NextDouble() * total;
            int category = Array.FindIndex(cumulative, c => pick < c);
            trace.Add(new FailureEvent(t, node, gpu, category < 0 ? categories.Count - 1 : category));
            t += rng.NextExponential(rate);
        }

        return trace;
    }

    /// <summary>Generates the trace and replays it through every policy.</summary>
    /// <param name="options">Settings (null: defaults, the Llama 3 fleet).</param>
    /// <returns>The result.</returns>
    public static SimulationResult Run(SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        Check(options);
        IReadOnlyList<FailureCategory> categories = options.Categories ?? FailureCategory.Llama3;
        IReadOnlyList<RemediationPolicy> policies = options.Policies
            ?? [RemediationPolicy.Manual, RemediationPolicy.DeviceHealth, RemediationPolicy.DeviceHealthInPlace];
        IReadOnlyList<FailureEvent> trace = GenerateTrace(options);
        Dictionary<string, int> byCategory = new(StringComparer.Ordinal);
        foreach (FailureEvent f in trace)
        {
            string name = categories[f.Category].Component;
            byCategory[name] = byCategory.GetValueOrDefault(name) + 1;
        }

        List<PolicyResult> results = [];
        foreach (RemediationPolicy policy in policies)
        {
            results.Add(Replay(options, categories, trace, policy));
        }

        return new SimulationResult(options.Nodes, options.Nodes * options.GpusPerNode, options.Days, options.Seed,
            trace.Count, byCategory, results);
    }

    private static PolicyResult Replay(
        SimulationOptions options,
        IReadOnlyList<FailureCategory> categories,
        IReadOnlyList<FailureEvent> trace,
        RemediationPolicy policy)
    {
        int nodes = options.Nodes;
        int spares = Math.Min(nodes - 1, (int)(nodes * options.SpareFraction));
        int jobNodes = nodes - spares;
        double horizon = options.Days * 24;
        double checkpoint = options.CheckpointHours;
        bool[] inJob = new bool[nodes];
        double[] backAt = new double[nodes];
        for (int i = 0; i < jobNodes; i++)
        {
            inJob[i] = true;
        }

        // The nodes outside the job (spares and nodes under repair), ordered by when they are back, then by number.
        SortedSet<(double BackAt, int Node)> outside = [];
        for (int i = jobNodes; i < nodes; i++)
        {
            outside.Add((0, i));
        }

        // Remediation outcomes come from their own stream so that every policy sees the same failures.
        Xoshiro256StarStar outcomes = new(options.Seed ^ 0xD1B54A32D192ED03UL);
        DeviceHealthMachine machine = new(new DeviceMachineOptions { MinUnhealthy = TimeSpan.Zero, HealthyDelay = TimeSpan.Zero });
        Dictionary<RemediationKind, int> remediations = [];
        double resumeAt = 0;
        double useful = 0;
        double resumeTotal = 0;
        int interruptions = 0;
        int quarantined = 0;
        foreach (FailureEvent f in trace)
        {
            if (backAt[f.Node] > f.Hours)
            {
                continue;
            }

            FaultClass cls = categories[f.Category].Class;
            double repair = policy.Automated
                ? AutomatedRepair(machine, policy, cls, ref outcomes, remediations, ref quarantined)
                : ManualRepair(policy, cls, remediations);
            if (!inJob[f.Node])
            {
                outside.Remove((backAt[f.Node], f.Node));
                backAt[f.Node] = f.Hours + repair;
                outside.Add((backAt[f.Node], f.Node));
                continue;
            }

            backAt[f.Node] = f.Hours + repair;

            bool running = f.Hours >= resumeAt;
            if (running)
            {
                double ran = f.Hours - resumeAt;
                useful += ran - (ran % checkpoint);
                interruptions++;
            }

            double restart = cls == FaultClass.App ? policy.AppRestartHours : policy.RestartHours;
            double ready = Math.Max(running ? f.Hours : resumeAt, f.Hours + policy.DetectionHours);
            if (repair > 0)
            {
                // Swap in the spare that is back first (or wait for the failed node itself).
                // The lowest-numbered node among those back first, if it is back before the failed node.
                int best = f.Node;
                if (outside.Count > 0 && outside.Min.BackAt < backAt[f.Node])
                {
                    best = outside.Min.Node;
                    outside.Remove(outside.Min);
                    outside.Add((backAt[f.Node], f.Node));
                    inJob[f.Node] = false;
                }

                inJob[best] = true;
                ready = Math.Max(ready, backAt[best]);
            }

            double newResume = ready + restart;
            if (running)
            {
                resumeTotal += newResume - f.Hours;
            }
            else
            {
                resumeTotal += Math.Max(0, newResume - resumeAt);
            }

            resumeAt = Math.Max(resumeAt, newResume);
        }

        if (resumeAt < horizon)
        {
            useful += horizon - resumeAt;
        }

        double goodput = horizon > 0 ? Math.Clamp(useful / horizon, 0, 1) : 1;
        double lost = (horizon - Math.Min(useful, horizon)) * jobNodes * options.GpusPerNode;
        return new PolicyResult(policy.Name, goodput, lost, interruptions, remediations, quarantined,
            interruptions > 0 ? resumeTotal / interruptions : 0);
    }

    private static double ManualRepair(RemediationPolicy policy, FaultClass cls, Dictionary<RemediationKind, int> remediations)
    {
        if (cls == FaultClass.App)
        {
            Count(remediations, RemediationKind.RestartApplication);
            return 0;
        }

        Count(remediations, RemediationKind.ContactSupport);
        return policy.RepairHours(cls);
    }

    private static double AutomatedRepair(
        DeviceHealthMachine machine,
        RemediationPolicy policy,
        FaultClass cls,
        ref Xoshiro256StarStar outcomes,
        Dictionary<RemediationKind, int> remediations,
        ref int quarantined)
    {
        if (cls is FaultClass.App or FaultClass.Info or FaultClass.None)
        {
            Count(remediations, RemediationKind.RestartApplication);
            return 0;
        }

        // Drive one episode through the real device machine: the ladder and quarantine come from it.
        const string device = "sim";
        DateTimeOffset now = DateTimeOffset.UnixEpoch;
        double hours = 0;
        MachineResult<DeviceState> r = machine.Apply(DeviceState.Initial, new DeviceEvent(DeviceEventKind.Xid, device, 0, cls), now);
        r = machine.Apply(r.State, new DeviceEvent(DeviceEventKind.PodsGone, device), now);
        for (int step = 0; step < 16; step++)
        {
            if (r.State.Phase == DevicePhase.Quarantined)
            {
                quarantined++;
                return hours + policy.ReplacementHours;
            }

            RemediateDevice? action = r.Actions.OfType<RemediateDevice>().FirstOrDefault();
            if (action is null)
            {
                return hours;
            }

            Count(remediations, action.Kind);
            double duration = action.Kind switch
            {
                RemediationKind.ResetGpu => cls == FaultClass.Fabric ? policy.FabricRepairHours : policy.ResetHours,
                RemediationKind.RebootNode => policy.RebootHours,
                RemediationKind.RunDiagnostics => policy.ResetHours,
                _ => policy.ReplacementHours,
            };
            hours += duration;
            bool success = action.Kind != RemediationKind.ContactSupport && outcomes.NextDouble() < policy.RemediationSuccess;
            if (success)
            {
                return hours;
            }

            r = machine.Apply(r.State, new DeviceEvent(DeviceEventKind.RemediationFailed, device), now);
        }

        return hours;
    }

    private static void Check(SimulationOptions options)
    {
        string? problem =
            options.Nodes < 1 ? $"Nodes must be at least 1, found {options.Nodes}"
            : options.GpusPerNode < 1 ? $"GpusPerNode must be at least 1, found {options.GpusPerNode}"
            : !(options.Days > 0 && options.Days <= 36_500) ? $"Days must be above 0 and at most 36,500, found {options.Days}"
            : !(options.FailuresPerGpuHour is >= 0 and <= 1) ? $"FailuresPerGpuHour must be from 0 to 1, found {options.FailuresPerGpuHour}"
            : !(options.CheckpointHours > 0) ? $"CheckpointHours must be positive, found {options.CheckpointHours}"
            : !(options.SpareFraction is >= 0 and <= 0.5) ? $"SpareFraction must be from 0 to 0.5, found {options.SpareFraction}"
            : null;
        if (problem is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(options), problem);
        }
    }

    private static void Count(Dictionary<RemediationKind, int> map, RemediationKind kind) =>
        map[kind] = map.GetValueOrDefault(kind) + 1;
}
