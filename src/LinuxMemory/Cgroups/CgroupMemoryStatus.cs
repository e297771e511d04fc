namespace LinuxMemory.Cgroups;

/// <summary>
/// The memory controller files of one cgroup v2 directory. Sizes are in bytes; a limit of <c>max</c> is
/// <see langword="null"/>; a file that does not exist (for example <c>memory.current</c> in the root cgroup) is
/// listed in <see cref="MissingFiles"/> and its value is <see langword="null"/> or empty.
/// </summary>
public sealed class CgroupMemoryStatus
{
    internal CgroupMemoryStatus(
        string directory,
        long? current,
        long? max,
        long? swapCurrent,
        long? swapMax,
        IReadOnlyDictionary<string, long> stat,
        IReadOnlyDictionary<string, long> events,
        IReadOnlyList<string> missingFiles)
    {
        Directory = directory;
        Current = current;
        Max = max;
        SwapCurrent = swapCurrent;
        SwapMax = swapMax;
        Stat = stat;
        Events = events;
        MissingFiles = missingFiles;
    }

    /// <summary>Gets the cgroup directory that was read.</summary>
    public string Directory { get; }

    /// <summary>Gets <c>memory.current</c> in bytes.</summary>
    public long? Current { get; }

    /// <summary>Gets <c>memory.max</c> in bytes, or <see langword="null"/> when unlimited or absent.</summary>
    public long? Max { get; }

    /// <summary>Gets <c>memory.swap.current</c> in bytes.</summary>
    public long? SwapCurrent { get; }

    /// <summary>Gets <c>memory.swap.max</c> in bytes, or <see langword="null"/> when unlimited or absent.</summary>
    public long? SwapMax { get; }

    /// <summary>Gets <c>memory.stat</c> (anon, file, inactive_file, ... in bytes; event counters as counts).</summary>
    public IReadOnlyDictionary<string, long> Stat { get; }

    /// <summary>Gets <c>memory.events</c> (low, high, max, oom, oom_kill, oom_group_kill).</summary>
    public IReadOnlyDictionary<string, long> Events { get; }

    /// <summary>Gets the files that were not there.</summary>
    public IReadOnlyList<string> MissingFiles { get; }

    /// <summary>
    /// Gets the working set as cAdvisor and kubelet compute it: usage minus <c>inactive_file</c>, not below 0.
    /// Usage is <c>memory.current</c>, or <c>anon + file</c> from memory.stat for the root cgroup.
    /// </summary>
    public long? WorkingSetBytes
    {
        get
        {
            long? usage = Current;
            if (usage is null && Stat.TryGetValue("anon", out long anon) && Stat.TryGetValue("file", out long file))
            {
                usage = anon > long.MaxValue - file ? long.MaxValue : anon + file;
            }

            if (usage is null)
            {
                return null;
            }

            long inactive = Stat.TryGetValue("inactive_file", out long value) ? value : 0;
            return Math.Max(0, usage.Value - inactive);
        }
    }
}
