using System.ComponentModel.DataAnnotations;

namespace DeviceHealth.Configuration;

/// <summary>Settings of the degradation (straggler) detector.</summary>
public sealed class DegradationOptions
{
    /// <summary>The EWMA weight of the newest ratio.</summary>
    /// <value>Default 0.2.</value>
    [Range(0.01, 1.0)]
    public double EwmaLambda { get; set; } = 0.2;

    /// <summary>The shift (relative to the peer median) the CUSUM is tuned for; its slack k is half of it.</summary>
    /// <value>Default 0.10.</value>
    [Range(0.01, 10.0)]
    public double CusumDelta { get; set; } = 0.10;

    /// <summary>The CUSUM decision threshold h.</summary>
    /// <value>Default 5.</value>
    [Range(0.1, 1000.0)]
    public double CusumThreshold { get; set; } = 5.0;

    /// <summary>The smoothed ratio to the peer median above which a window counts as slow.</summary>
    /// <value>Default 1.15.</value>
    [Range(1.0, 100.0)]
    public double EnterThreshold { get; set; } = 1.15;

    /// <summary>The smoothed ratio below which a window counts as normal again; below <see cref="EnterThreshold"/>.</summary>
    /// <value>Default 1.05.</value>
    [Range(1.0, 100.0)]
    public double ExitThreshold { get; set; } = 1.05;

    /// <summary>Slow windows (k) among the last <see cref="WindowCount"/> (n) to become Suspect.</summary>
    /// <value>Default 3.</value>
    [Range(1, 64)]
    public int EnterCount { get; set; } = 3;

    /// <summary>The n of the k-of-n rules.</summary>
    /// <value>Default 5.</value>
    [Range(1, 64)]
    public int WindowCount { get; set; } = 5;

    /// <summary>Normal windows among the last n needed to leave Suspect or Confirmed.</summary>
    /// <value>Default 4.</value>
    [Range(1, 64)]
    public int ExitCount { get; set; } = 4;

    /// <summary>Samples before a rank is judged.</summary>
    /// <value>Default 3.</value>
    [Range(1, 10_000)]
    public int MinSamples { get; set; } = 3;

    /// <summary>Steps a rank must stay Suspect before it can be Confirmed.</summary>
    /// <value>Default 2.</value>
    [Range(0, 10_000)]
    public int DwellSteps { get; set; } = 2;

    /// <summary>The relative mean shift that confirms without a second signal (FALCON's 10 % rule).</summary>
    /// <value>Default 0.10.</value>
    [Range(0.0, 10.0)]
    public double ConfirmMeanShift { get; set; } = 0.10;

    /// <summary>Require a second signal (benchmark, DCGM clocks or thermal) instead of the mean-shift rule.</summary>
    /// <value>Default false.</value>
    public bool RequireSecondSignal { get; set; }

    /// <summary>The most ranks flagged (Confirmed) at once.</summary>
    /// <value>Default 4.</value>
    [Range(1, 100_000)]
    public int MaxFlagged { get; set; } = 4;
}
