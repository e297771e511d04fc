using System.ComponentModel.DataAnnotations;

namespace LinuxMemory.Options;

/// <summary>
/// Settings of the LinuxMemory services: where to read from, and the tuning to evaluate. Bind from configuration
/// section <c>LinuxMemory</c>; register with <see cref="LinuxMemoryServiceCollectionExtensions.AddLinuxMemory"/>.
/// </summary>
public sealed class LinuxMemoryOptions
{
    /// <summary>Gets or sets the /proc directory (or a captured tree laid out the same way).</summary>
    [Required]
    public string ProcRoot { get; set; } = "/proc";

    /// <summary>Gets or sets the largest file read, in bytes.</summary>
    [Range(1024, 256 << 20)]
    public int MaxFileBytes { get; set; } = Proc.ProcMemoryReader.DefaultMaxFileBytes;

    /// <summary>Gets or sets the page size of the machine.</summary>
    [Range(4096, 65536)]
    public int PageSizeBytes { get; set; } = 4096;

    /// <summary>Gets or sets a proposed <c>vm.min_free_kbytes</c> (the kernel accepts 0 and up; below 128 is unsafe).</summary>
    [Range(128, 64L << 30)]
    public long? MinFreeKbytes { get; set; }

    /// <summary>Gets or sets a proposed <c>vm.watermark_scale_factor</c> (1..3000 since 5.19, 1..1000 before).</summary>
    [Range(1, 3000)]
    public int? WatermarkScaleFactor { get; set; }

    /// <summary>Gets or sets a proposed <c>vm.watermark_boost_factor</c> (0 disables boosting).</summary>
    [Range(0, int.MaxValue)]
    public int? WatermarkBoostFactor { get; set; }

    /// <summary>Gets or sets a proposed <c>vm.swappiness</c> (0..200 since 5.8, 0..100 before).</summary>
    [Range(0, 200)]
    public int? Swappiness { get; set; }

    /// <summary>Gets or sets whether the kernel is older than 5.19 without the backport (wsf max 1000, swappiness max 100 before 5.8).</summary>
    public bool LegacySysctlLimits { get; set; }

    /// <summary>Gets or sets kubelet's <c>evictionHard[memory.available]</c>.</summary>
    [Required]
    public string EvictionHard { get; set; } = "100Mi";

    /// <summary>Gets or sets kubelet's <c>evictionSoft[memory.available]</c>, if configured.</summary>
    public string? EvictionSoft { get; set; }
}
