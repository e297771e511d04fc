using LinuxMemory.VmStat;

namespace LinuxMemory.Monitoring;

/// <summary>
/// Turns successive /proc/vmstat snapshots into swap and reclaim rates and flags thrashing. Time comes from the
/// caller (read it from a <see cref="TimeProvider"/>).
/// </summary>
public static class VmStatMonitor
{
    /// <summary>The swap-in and swap-out rate (pages/s, each) above which simultaneous swapping counts as thrashing.</summary>
    public const double ThrashingSwapPagesPerSecond = 256;

    /// <summary>Computes the rates between two reads.</summary>
    /// <param name="previous">The earlier read.</param>
    /// <param name="current">The later read.</param>
    /// <param name="interval">The time between them (positive).</param>
    /// <returns>The rates; counters a kernel does not print count as 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is not positive.</exception>
    public static ReclaimRates Compare(VmStatSnapshot previous, VmStatSnapshot current, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive.");
        }

        double seconds = interval.TotalSeconds;
        double Rate(VmStatField field) => Delta(previous, current, field) / seconds;

        double swapIn = Rate(VmStatField.SwapIn);
        double swapOut = Rate(VmStatField.SwapOut);
        double stalls = Rate(VmStatField.AllocStall);
        double refaults = Rate(VmStatField.WorkingsetRefault);
        bool thrashing = (swapIn >= ThrashingSwapPagesPerSecond && swapOut >= ThrashingSwapPagesPerSecond) ||
            (stalls > 0 && refaults >= ThrashingSwapPagesPerSecond);

        return new ReclaimRates(
            interval,
            swapIn,
            swapOut,
            Rate(VmStatField.ScanKswapd),
            Rate(VmStatField.StealKswapd),
            Rate(VmStatField.ScanDirect),
            Rate(VmStatField.StealDirect),
            stalls,
            refaults,
            (long)Delta(previous, current, VmStatField.OomKill),
            thrashing);
    }

    private static double Delta(VmStatSnapshot previous, VmStatSnapshot current, VmStatField field)
    {
        long before = previous.Get(field) ?? 0;
        long after = current.Get(field) ?? 0;

        // Counters only grow; a smaller value means a reboot or wrap between the reads, which tells nothing.
        return after >= before ? after - before : 0;
    }
}
