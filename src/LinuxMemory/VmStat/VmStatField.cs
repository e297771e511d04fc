namespace LinuxMemory.VmStat;

/// <summary>
/// The /proc/vmstat counters this library reads. Counters that older kernels split per zone
/// (<c>pgscan_kswapd_normal</c>, <c>allocstall_dma32</c>, ...) or that newer kernels split by kind
/// (<c>workingset_refault_anon</c>/<c>_file</c>) are summed into one value.
/// </summary>
public enum VmStatField
{
    /// <summary><c>nr_free_pages</c>.</summary>
    NrFreePages = 0,

    /// <summary><c>pswpin</c>: pages swapped in.</summary>
    SwapIn,

    /// <summary><c>pswpout</c>: pages swapped out.</summary>
    SwapOut,

    /// <summary><c>pgscan_kswapd*</c>: pages scanned by kswapd.</summary>
    ScanKswapd,

    /// <summary><c>pgscan_direct*</c> (not <c>pgscan_direct_throttle</c>): pages scanned in direct reclaim.</summary>
    ScanDirect,

    /// <summary><c>pgsteal_kswapd*</c>: pages reclaimed by kswapd.</summary>
    StealKswapd,

    /// <summary><c>pgsteal_direct*</c>: pages reclaimed in direct reclaim.</summary>
    StealDirect,

    /// <summary><c>allocstall*</c>: allocations that stalled in direct reclaim.</summary>
    AllocStall,

    /// <summary><c>pgmajfault</c>.</summary>
    MajorFaults,

    /// <summary><c>workingset_refault*</c>: evicted pages that were needed again.</summary>
    WorkingsetRefault,

    /// <summary><c>oom_kill</c> (4.13+).</summary>
    OomKill,

    /// <summary><c>compact_stall</c>.</summary>
    CompactStall,

    /// <summary><c>kswapd_low_wmark_hit_quickly</c>.</summary>
    KswapdLowWatermarkHitQuickly,

    /// <summary><c>kswapd_high_wmark_hit_quickly</c>.</summary>
    KswapdHighWatermarkHitQuickly,

    /// <summary><c>pageoutrun</c>: kswapd reclaim runs.</summary>
    PageOutRun,
}
