namespace LinuxMemory.Watermarks;

/// <summary>
/// The kernel's <c>si_mem_available()</c>: free pages minus the reserve, plus the page cache and reclaimable
/// kernel memory the kernel expects to get back without swapping. All quantities in pages.
/// </summary>
public static class MemAvailableCalculator
{
    /// <summary>Computes MemAvailable in pages.</summary>
    /// <param name="freePages">Free pages (MemFree).</param>
    /// <param name="activeFilePages">Active(file).</param>
    /// <param name="inactiveFilePages">Inactive(file).</param>
    /// <param name="reclaimablePages">KReclaimable (SReclaimable on kernels before 4.20).</param>
    /// <param name="lowWatermarkPages">The sum of all zones' low watermarks.</param>
    /// <param name="reservePages">
    /// totalreserve_pages (4.5+), or the sum of the low watermarks for kernels 3.14–4.4.
    /// </param>
    /// <param name="extraPages">Pages added without a cap (the hidden indirectly-reclaimable bytes of 4.17–4.19), usually 0.</param>
    /// <returns>MemAvailable in pages, not below 0.</returns>
    public static long Compute(
        long freePages,
        long activeFilePages,
        long inactiveFilePages,
        long reclaimablePages,
        long lowWatermarkPages,
        long reservePages,
        long extraPages)
    {
        long available = freePages - reservePages;
        long pageCache = activeFilePages + inactiveFilePages;
        available += pageCache - Math.Min(pageCache / 2, lowWatermarkPages);
        available += reclaimablePages - Math.Min(reclaimablePages / 2, lowWatermarkPages);
        available += extraPages;
        return Math.Max(available, 0);
    }

    /// <summary>
    /// The kernel's <c>totalreserve_pages</c>: for each zone, its largest lowmem protection plus its high watermark,
    /// capped at its managed pages.
    /// </summary>
    /// <param name="managedPages">Managed pages per zone.</param>
    /// <param name="highWatermarks">High watermark per zone.</param>
    /// <param name="maxProtection">The largest <c>protection:</c> entry per zone.</param>
    /// <returns>The total in pages.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static long TotalReservePages(ReadOnlySpan<long> managedPages, ReadOnlySpan<long> highWatermarks, ReadOnlySpan<long> maxProtection)
    {
        if (managedPages.Length != highWatermarks.Length || managedPages.Length != maxProtection.Length)
        {
            throw new ArgumentException("The spans must have one entry per zone.", nameof(highWatermarks));
        }

        long total = 0;
        for (int i = 0; i < managedPages.Length; i++)
        {
            total += Math.Min(managedPages[i], maxProtection[i] + highWatermarks[i]);
        }

        return total;
    }
}
