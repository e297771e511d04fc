using System.Runtime.InteropServices;

namespace DeviceHealth.Degradation;

/// <summary>The detector's state for one rank.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Samples">Samples seen.</param>
/// <param name="Ewma">The EWMA of the ratio to the peer median.</param>
/// <param name="Cusum">The one-sided CUSUM of (ratio − 1 − k).</param>
/// <param name="SlowWindows">Bit history of the last windows: 1 = slow.</param>
/// <param name="NormalWindows">Bit history of the last windows: 1 = normal (below the exit threshold).</param>
/// <param name="SinceStep">The step at which the phase was entered.</param>
/// <param name="CooldownUntilStep">The step at which Cooldown ends.</param>
/// <param name="SecondSignal">Whether a second signal agreed while Suspect.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct RankState(
    RankPhase Phase,
    int Samples,
    double Ewma,
    double Cusum,
    ulong SlowWindows,
    ulong NormalWindows,
    long SinceStep,
    long CooldownUntilStep,
    bool SecondSignal);
