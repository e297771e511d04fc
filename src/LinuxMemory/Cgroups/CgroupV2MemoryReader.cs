using System.Globalization;
using LinuxMemory.Sysctl;

namespace LinuxMemory.Cgroups;

/// <summary>Reads the memory controller files of a cgroup v2 directory.</summary>
public static class CgroupV2MemoryReader
{
    /// <summary>The largest file this reader accepts, in bytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>Reads <c>memory.current</c>, <c>memory.max</c>, <c>memory.swap.current</c>, <c>memory.swap.max</c>,
    /// <c>memory.stat</c> and <c>memory.events</c> from a cgroup directory; missing files are reported, not fatal.</summary>
    /// <param name="directory">The cgroup directory, for example <c>/sys/fs/cgroup/kubepods.slice</c>.</param>
    /// <returns>The values read.</returns>
    /// <exception cref="LinuxMemoryFormatException">A file exists but is malformed, too large, or holds a negative number.</exception>
    public static CgroupMemoryStatus Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var missing = new List<string>();
        long? current = ReadValue(directory, "memory.current", missing, limit: false);
        long? max = ReadValue(directory, "memory.max", missing, limit: true);
        long? swapCurrent = ReadValue(directory, "memory.swap.current", missing, limit: false);
        long? swapMax = ReadValue(directory, "memory.swap.max", missing, limit: true);
        IReadOnlyDictionary<string, long> stat = ReadKeyed(directory, "memory.stat", missing);
        IReadOnlyDictionary<string, long> events = ReadKeyed(directory, "memory.events", missing);
        return new CgroupMemoryStatus(directory, current, max, swapCurrent, swapMax, stat, events, missing);
    }

    private static long? ReadValue(string directory, string name, List<string> missing, bool limit)
    {
        string path = Path.Combine(directory, name);
        byte[]? bytes = BoundedFile.TryRead(path, MaxFileBytes);
        if (bytes is null)
        {
            missing.Add(path);
            return null;
        }

        long? value = limit ? SysctlParser.ParseLimit(bytes, path) : SysctlParser.ParseInteger(bytes, path);
        if (value < 0)
        {
            // The memory controller prints unsigned counters; a negative number is not a kernel's output.
            ThrowHelper.ThrowFormat(path, 1, "a non-negative number", value.Value.ToString(CultureInfo.InvariantCulture));
        }

        return value;
    }

    private static IReadOnlyDictionary<string, long> ReadKeyed(string directory, string name, List<string> missing)
    {
        string path = Path.Combine(directory, name);
        byte[]? bytes = BoundedFile.TryRead(path, MaxFileBytes);
        if (bytes is null)
        {
            missing.Add(path);
            return new Dictionary<string, long>();
        }

        IReadOnlyDictionary<string, long> values = FlatKeyedParser.Parse(bytes, path);
        foreach (KeyValuePair<string, long> pair in values)
        {
            if (pair.Value < 0)
            {
                ThrowHelper.ThrowFormat(path, 0, "non-negative counters", $"{pair.Key} {pair.Value.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return values;
    }
}
