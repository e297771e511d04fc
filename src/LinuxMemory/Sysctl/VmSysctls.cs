namespace LinuxMemory.Sysctl;

/// <summary>
/// The vm sysctls that decide the zone watermarks, as read from /proc/sys/vm. A value is <see langword="null"/>
/// when its file was absent (older kernels, or a capture without it).
/// </summary>
public sealed class VmSysctls
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="minFreeKbytes"><c>vm.min_free_kbytes</c>.</param>
    /// <param name="watermarkScaleFactor"><c>vm.watermark_scale_factor</c> (4.6+).</param>
    /// <param name="watermarkBoostFactor"><c>vm.watermark_boost_factor</c> (5.0+).</param>
    /// <param name="swappiness"><c>vm.swappiness</c>.</param>
    /// <param name="lowmemReserveRatio"><c>vm.lowmem_reserve_ratio</c>, one entry per zone index.</param>
    public VmSysctls(
        long? minFreeKbytes,
        long? watermarkScaleFactor,
        long? watermarkBoostFactor,
        long? swappiness,
        IReadOnlyList<long>? lowmemReserveRatio)
    {
        MinFreeKbytes = minFreeKbytes;
        WatermarkScaleFactor = watermarkScaleFactor;
        WatermarkBoostFactor = watermarkBoostFactor;
        Swappiness = swappiness;
        LowmemReserveRatio = lowmemReserveRatio;
    }

    /// <summary>Gets <c>vm.min_free_kbytes</c>.</summary>
    public long? MinFreeKbytes { get; }

    /// <summary>Gets <c>vm.watermark_scale_factor</c> (in units of 0.01 %).</summary>
    public long? WatermarkScaleFactor { get; }

    /// <summary>Gets <c>vm.watermark_boost_factor</c> (in units of 0.01 % of the high watermark).</summary>
    public long? WatermarkBoostFactor { get; }

    /// <summary>Gets <c>vm.swappiness</c>.</summary>
    public long? Swappiness { get; }

    /// <summary>Gets <c>vm.lowmem_reserve_ratio</c>.</summary>
    public IReadOnlyList<long>? LowmemReserveRatio { get; }
}
