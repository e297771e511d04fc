namespace LinuxMemory.MemInfo;

/// <summary>The /proc/meminfo lines this library reads. Values are in kB except the HugePages counts.</summary>
public enum MemInfoField
{
    /// <summary><c>MemTotal</c>: all managed pages (what kubelet reports as memory capacity).</summary>
    MemTotal = 0,

    /// <summary><c>MemFree</c>.</summary>
    MemFree,

    /// <summary><c>MemAvailable</c> (3.14+).</summary>
    MemAvailable,

    /// <summary><c>Buffers</c>.</summary>
    Buffers,

    /// <summary><c>Cached</c>.</summary>
    Cached,

    /// <summary><c>SwapCached</c>.</summary>
    SwapCached,

    /// <summary><c>Active(anon)</c>.</summary>
    ActiveAnon,

    /// <summary><c>Inactive(anon)</c>.</summary>
    InactiveAnon,

    /// <summary><c>Active(file)</c>.</summary>
    ActiveFile,

    /// <summary><c>Inactive(file)</c>.</summary>
    InactiveFile,

    /// <summary><c>AnonPages</c>.</summary>
    AnonPages,

    /// <summary><c>Shmem</c>.</summary>
    Shmem,

    /// <summary><c>SReclaimable</c>.</summary>
    SReclaimable,

    /// <summary><c>KReclaimable</c> (4.20+).</summary>
    KReclaimable,

    /// <summary><c>SwapTotal</c>.</summary>
    SwapTotal,

    /// <summary><c>SwapFree</c>.</summary>
    SwapFree,

    /// <summary><c>Zswap</c>.</summary>
    Zswap,

    /// <summary><c>Zswapped</c>.</summary>
    Zswapped,

    /// <summary><c>HugePages_Total</c> (a count, not kB).</summary>
    HugePagesTotal,

    /// <summary><c>Hugepagesize</c>.</summary>
    HugePageSize,
}
