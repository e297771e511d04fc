namespace LinuxMemory.Watermarks;

/// <summary>
/// The kernel's boot-time choices of <c>vm.min_free_kbytes</c>: the square-root rule of
/// <c>calculate_min_free_kbytes</c> and the transparent-huge-page rule of <c>set_recommended_min_free_kbytes</c>.
/// </summary>
public static class MinFreeKbytesRules
{
    /// <summary>The upper clamp of the square-root rule since 5.7 (256 MiB).</summary>
    public const long SquareRootCeilingKbytes = 262144;

    /// <summary>The upper clamp of the square-root rule before 5.7 (64 MiB).</summary>
    public const long LegacySquareRootCeilingKbytes = 65536;

    /// <summary>The lower clamp of the square-root rule.</summary>
    public const long SquareRootFloorKbytes = 128;

    /// <summary>
    /// The square-root rule: <c>clamp(int_sqrt(lowmem_kbytes * 16), 128, ceiling)</c>.
    /// </summary>
    /// <param name="lowmemKbytes">Managed memory of the zones below HighMem/Movable, in kB.</param>
    /// <param name="ceilingKbytes">The upper clamp: <see cref="SquareRootCeilingKbytes"/> or <see cref="LegacySquareRootCeilingKbytes"/>.</param>
    /// <returns>The default in kB.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lowmemKbytes"/> is negative.</exception>
    public static long SquareRoot(long lowmemKbytes, long ceilingKbytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lowmemKbytes);
        long candidate = (long)IntegerSquareRoot(checked((ulong)lowmemKbytes * 16));
        return Math.Clamp(candidate, SquareRootFloorKbytes, Math.Max(SquareRootFloorKbytes, ceilingKbytes));
    }

    /// <summary>
    /// The transparent-huge-page recommendation: two free pageblocks per populated zone plus
    /// MIGRATE_PCPTYPES² (9) per zone for fallbacks, i.e. <c>11 * pageblock_pages * zones</c>, capped at 5 % of
    /// the free buffer pages.
    /// </summary>
    /// <param name="populatedZones">Populated zones over all nodes (Movable not counted on current kernels).</param>
    /// <param name="pageblockPages">Pages per pageblock (512 on x86_64 with 4 KiB pages).</param>
    /// <param name="freeBufferPages">Managed lowmem pages minus their high watermarks (at boot: managed lowmem).</param>
    /// <param name="pageSizeBytes">The page size.</param>
    /// <returns>The recommended value in kB.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative.</exception>
    public static long TransparentHugePage(int populatedZones, long pageblockPages, long freeBufferPages, int pageSizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(populatedZones);
        ArgumentOutOfRangeException.ThrowIfNegative(pageblockPages);
        ArgumentOutOfRangeException.ThrowIfNegative(freeBufferPages);
        long recommended = checked(11 * pageblockPages * populatedZones);
        recommended = Math.Min(recommended, freeBufferPages / 20);
        return recommended * (pageSizeBytes / 1024);
    }

    /// <summary>The boot-time value: the square-root rule, raised by the THP rule when THP is enabled.</summary>
    /// <param name="lowmemPages">Managed lowmem pages at boot.</param>
    /// <param name="populatedZones">Populated non-Movable zones over all nodes.</param>
    /// <param name="transparentHugePagesEnabled">Whether khugepaged runs (THP <c>always</c> or <c>madvise</c>).</param>
    /// <param name="pageSizeBytes">The page size.</param>
    /// <param name="pageblockPages">Pages per pageblock.</param>
    /// <returns>The value in kB the kernel would choose (5.7+ clamp).</returns>
    public static long BootDefault(long lowmemPages, int populatedZones, bool transparentHugePagesEnabled, int pageSizeBytes, long pageblockPages)
    {
        long sqrt = SquareRoot(checked(lowmemPages * (pageSizeBytes / 1024)), SquareRootCeilingKbytes);
        if (!transparentHugePagesEnabled)
        {
            return sqrt;
        }

        return Math.Max(sqrt, TransparentHugePage(populatedZones, pageblockPages, lowmemPages, pageSizeBytes));
    }

    /// <summary>The kernel's <c>int_sqrt</c>: the floor of the square root.</summary>
    /// <param name="value">The value.</param>
    /// <returns>floor(sqrt(value)).</returns>
    public static ulong IntegerSquareRoot(ulong value)
    {
        ulong root = (ulong)Math.Sqrt(value);
        while (root > 0 && (UInt128)root * root > value)
        {
            root--;
        }

        while ((UInt128)(root + 1) * (root + 1) <= value)
        {
            root++;
        }

        return root;
    }
}
