namespace LinuxMemory.Planning;

/// <summary>Kubelet's NodeSwap <c>LimitedSwap</c> rule for the swap limit of a Burstable container.</summary>
public static class SwapLimitCalculator
{
    /// <summary>
    /// Computes <c>memory.swap.max</c> for a container: <c>request / MemTotal * SwapTotal</c> in float64, truncated, as
    /// kubelet's <c>calcSwapForBurstablePods</c> does (system-reserved is not subtracted).
    /// </summary>
    /// <param name="memoryRequestBytes">The container's memory request.</param>
    /// <param name="memTotalBytes">Node MemTotal.</param>
    /// <param name="swapTotalBytes">Node SwapTotal.</param>
    /// <returns>The limit in bytes, or <see langword="null"/> when kubelet falls back to no swap
    /// (MemTotal not positive or the request larger than MemTotal).</returns>
    public static long? LimitedSwapBytes(long memoryRequestBytes, long memTotalBytes, long swapTotalBytes)
    {
        if (memTotalBytes <= 0 || memoryRequestBytes > memTotalBytes || memoryRequestBytes < 0 || swapTotalBytes < 0)
        {
            return null;
        }

        double proportion = (double)memoryRequestBytes / (double)memTotalBytes;
        return (long)(proportion * (double)swapTotalBytes);
    }
}
