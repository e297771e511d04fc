namespace LinuxMemory.Planning;

/// <summary>One eviction threshold placed against the watermarks.</summary>
/// <param name="Name">Which threshold (<c>evictionHard</c> or <c>evictionSoft</c>).</param>
/// <param name="Threshold">The configured threshold.</param>
/// <param name="Bytes">The threshold in bytes for this node.</param>
/// <param name="Placement">Where it falls.</param>
public readonly record struct ThresholdPlacement(string Name, EvictionThreshold Threshold, long Bytes, EvictionPlacement Placement);
