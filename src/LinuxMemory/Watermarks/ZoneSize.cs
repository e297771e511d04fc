using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Watermarks;

/// <summary>The inputs of the watermark rules for one zone.</summary>
/// <param name="Node">The NUMA node.</param>
/// <param name="Type">The zone kind (HighMem, and Movable on newer kernels, get a clamped min).</param>
/// <param name="ManagedPages">The zone's managed pages (present pages on kernels before 3.8).</param>
/// <param name="BoostPages">The current watermark boost, added to every printed watermark.</param>
public readonly record struct ZoneSize(int Node, ZoneType Type, long ManagedPages, long BoostPages);
