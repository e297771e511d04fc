namespace DeviceHealth.Signals;

/// <summary>The verdict on one GPU from its nvidia-smi counters.</summary>
public enum GpuHealth
{
    /// <summary>Nothing found.</summary>
    Healthy,

    /// <summary>Throttling or a degraded PCIe link: works, but slower.</summary>
    Degraded,

    /// <summary>Needs a GPU reset (pending remap or retirement, volatile uncorrectable errors).</summary>
    NeedsReset,

    /// <summary>Needs service (remap failure).</summary>
    Failed,
}
