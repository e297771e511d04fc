namespace LinuxMemory.Planning;

/// <summary>Inputs of <see cref="PressureZonePlanner"/> beyond the machine's own files.</summary>
public sealed class PressurePlanOptions
{
    /// <summary>Gets or sets kubelet's <c>evictionHard[memory.available]</c> (default 100Mi).</summary>
    public EvictionThreshold EvictionHard { get; set; } = EvictionThreshold.Default;

    /// <summary>Gets or sets kubelet's <c>evictionSoft[memory.available]</c>, or <see langword="null"/> when not set.</summary>
    public EvictionThreshold? EvictionSoft { get; set; }

    /// <summary>Gets or sets the allocation burst rate the kswapd window must absorb, in bytes per second (default 64 MiB/s).</summary>
    public long AllocationRateBytesPerSecond { get; set; } = 64L << 20;

    /// <summary>Gets or sets kubelet's eviction evaluation period (default 10 s).</summary>
    public TimeSpan EvictionPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the memory request used to show the LimitedSwap limit of one container (default 1 GiB).</summary>
    public long ExampleRequestBytes { get; set; } = 1L << 30;
}
