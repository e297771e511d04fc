namespace DeviceHealth.Degradation;

/// <summary>One rank's timing for one training step.</summary>
/// <param name="Rank">The global rank.</param>
/// <param name="RoleKey">The rank's role: ranks are compared only with peers of the same key (for example the pipeline
/// stage and tensor-parallel group), so that stage imbalance is not mistaken for a slow device.</param>
/// <param name="Step">The step number.</param>
/// <param name="Seconds">The measured time (for example compute seconds); must be positive and finite.</param>
/// <param name="IsSpecial">A checkpoint, evaluation or GC step: skipped.</param>
public readonly record struct StepSample(int Rank, string RoleKey, long Step, double Seconds, bool IsSpecial = false);
