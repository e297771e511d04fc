using System.Globalization;
using LinuxMemory.MemInfo;
using LinuxMemory.Sysctl;
using LinuxMemory.VmStat;
using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Proc;

/// <summary>
/// Reads <c>zoneinfo</c>, <c>meminfo</c>, <c>vmstat</c> and <c>sys/vm/*</c> from /proc or from a captured tree laid out
/// the same way.
/// </summary>
public static class ProcMemoryReader
{
    /// <summary>The default limit on the size of one file (zoneinfo of a large NUMA machine is well below it).</summary>
    public const int DefaultMaxFileBytes = 16 << 20;

    /// <summary>Reads the memory files under <paramref name="root"/>.</summary>
    /// <param name="root">The directory, for example <c>/proc</c>.</param>
    /// <param name="maxFileBytes">The largest file accepted.</param>
    /// <returns>The capture; files that are missing are listed in <see cref="ProcMemoryCapture.MissingFiles"/>.</returns>
    /// <exception cref="LinuxMemoryFormatException">A file that exists is malformed or too large.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    public static ProcMemoryCapture Read(string root, int maxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFileBytes, 1);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The directory '{root}' does not exist.");
        }

        var missing = new List<string>();
        ZoneInfoSnapshot? zoneInfo = null;
        MemInfoSnapshot? memInfo = null;
        VmStatSnapshot? vmStat = null;

        string path = Path.Combine(root, "zoneinfo");
        if (Read(path, maxFileBytes, missing) is byte[] zoneBytes)
        {
            zoneInfo = ZoneInfoParser.Parse(zoneBytes, path);
        }

        path = Path.Combine(root, "meminfo");
        if (Read(path, maxFileBytes, missing) is byte[] memBytes)
        {
            memInfo = MemInfoParser.Parse(memBytes, path);
        }

        path = Path.Combine(root, "vmstat");
        if (Read(path, maxFileBytes, missing) is byte[] vmBytes)
        {
            vmStat = VmStatParser.Parse(vmBytes, path);
        }

        string vm = Path.Combine(root, "sys", "vm");
        var sysctls = new VmSysctls(
            ReadInteger(vm, "min_free_kbytes", missing),
            ReadInteger(vm, "watermark_scale_factor", missing),
            ReadInteger(vm, "watermark_boost_factor", missing),
            ReadInteger(vm, "swappiness", missing),
            ReadList(vm, "lowmem_reserve_ratio", missing));

        return new ProcMemoryCapture(root, zoneInfo, memInfo, vmStat, sysctls, missing);
    }

    private static byte[]? Read(string path, int maxFileBytes, List<string> missing)
    {
        byte[]? bytes = BoundedFile.TryRead(path, maxFileBytes);
        if (bytes is null)
        {
            missing.Add(path);
        }

        return bytes;
    }

    private static long? ReadInteger(string directory, string name, List<string> missing)
    {
        string path = Path.Combine(directory, name);
        if (Read(path, 4096, missing) is not byte[] bytes)
        {
            return null;
        }

        long value = SysctlParser.ParseInteger(bytes, path);
        CheckKernelInt(value, path);
        return value;
    }

    // The vm sysctls read here are C ints the kernel keeps non-negative; anything else is not a kernel's output.
    private static void CheckKernelInt(long value, string path)
    {
        if (value < 0 || value > int.MaxValue)
        {
            ThrowHelper.ThrowFormat(path, 1, $"a value from 0 to {int.MaxValue}", value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static long[]? ReadList(string directory, string name, List<string> missing)
    {
        string path = Path.Combine(directory, name);
        if (Read(path, 4096, missing) is not byte[] bytes)
        {
            return null;
        }

        long[] values = SysctlParser.ParseIntegerList(bytes, path);
        foreach (long value in values)
        {
            CheckKernelInt(value, path);
        }

        return values;
    }
}
