namespace LinuxMemory.Planning;

/// <summary>Where a <c>memory.available</c> threshold falls against the summed zone watermarks.</summary>
public enum EvictionPlacement
{
    /// <summary>
    /// Above the summed low watermarks: kubelet can evict before kswapd even starts, so swap gets little use.
    /// </summary>
    BeforeKswapd = 0,

    /// <summary>Between the summed min and low watermarks: kswapd (and swap-out) work first, eviction fires before
    /// allocations stall in direct reclaim. This is the intended placement.</summary>
    InsideKswapdWindow,

    /// <summary>At or below the summed min watermarks: direct reclaim stalls and the OOM killer can come first.</summary>
    AfterDirectReclaim,
}
