using System.ComponentModel.DataAnnotations;

namespace DeviceHealth.Simulation;

/// <summary>The fleet simulator's settings.</summary>
public sealed class SimulationOptions
{
    /// <summary>Nodes in the fleet.</summary>
    /// <value>Default 2,048 (16,384 GPUs, the Llama 3 run).</value>
    [Range(1, 1_000_000)]
    public int Nodes { get; set; } = 2048;

    /// <summary>GPUs per node.</summary>
    /// <value>Default 8.</value>
    [Range(1, 64)]
    public int GpusPerNode { get; set; } = 8;

    /// <summary>Simulated days.</summary>
    /// <value>Default 54 (the Llama 3 window).</value>
    [Range(0.001, 3650)]
    public double Days { get; set; } = 54;

    /// <summary>The PRNG seed.</summary>
    /// <value>Default 1.</value>
    public ulong Seed { get; set; } = 1;

    /// <summary>Unexpected interruptions per GPU-hour.</summary>
    /// <value>Default 419 / (16,384 × 1,296) ≈ 1.973e-5 (Llama 3).</value>
    [Range(0.0, 1.0)]
    public double FailuresPerGpuHour { get; set; } = 419.0 / (16384.0 * 54 * 24);

    /// <summary>Spare nodes kept out of the job, as a fraction of the fleet.</summary>
    /// <value>Default 1/64.</value>
    [Range(0.0, 0.5)]
    public double SpareFraction { get; set; } = 1.0 / 64;

    /// <summary>Hours between checkpoints; work since the last one is lost at an interruption.</summary>
    /// <value>Default 0.25 (a checkpoint every 15 minutes).</value>
    [Range(0.001, 1000.0)]
    public double CheckpointHours { get; set; } = 0.25;

    /// <summary>The root-cause mix (default: <see cref="FailureCategory.Llama3"/>).</summary>
    public IReadOnlyList<FailureCategory>? Categories { get; set; }

    /// <summary>The policies compared (default: manual, devicehealth, devicehealth+inplace).</summary>
    public IReadOnlyList<RemediationPolicy>? Policies { get; set; }
}
