namespace DeviceHealth.Simulation;

/// <summary>The simulator's output.</summary>
/// <param name="Nodes">Nodes simulated.</param>
/// <param name="Gpus">GPUs simulated.</param>
/// <param name="Days">Days simulated.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Failures">Failures generated.</param>
/// <param name="FailuresByCategory">Failures per category component.</param>
/// <param name="Policies">One result per policy, in the order given.</param>
public sealed record SimulationResult(
    int Nodes,
    int Gpus,
    double Days,
    ulong Seed,
    int Failures,
    IReadOnlyDictionary<string, int> FailuresByCategory,
    IReadOnlyList<PolicyResult> Policies);
