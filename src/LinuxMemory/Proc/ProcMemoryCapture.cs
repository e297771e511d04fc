using LinuxMemory.MemInfo;
using LinuxMemory.Sysctl;
using LinuxMemory.VmStat;
using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Proc;

/// <summary>What <see cref="ProcMemoryReader"/> found under a /proc-like directory. Missing files are listed, not fatal.</summary>
public sealed class ProcMemoryCapture
{
    internal ProcMemoryCapture(
        string root,
        ZoneInfoSnapshot? zoneInfo,
        MemInfoSnapshot? memInfo,
        VmStatSnapshot? vmStat,
        VmSysctls sysctls,
        IReadOnlyList<string> missingFiles)
    {
        Root = root;
        ZoneInfo = zoneInfo;
        MemInfo = memInfo;
        VmStat = vmStat;
        Sysctls = sysctls;
        MissingFiles = missingFiles;
    }

    /// <summary>Gets the directory that was read (for example <c>/proc</c>).</summary>
    public string Root { get; }

    /// <summary>Gets the parsed <c>zoneinfo</c>, or <see langword="null"/> when missing.</summary>
    public ZoneInfoSnapshot? ZoneInfo { get; }

    /// <summary>Gets the parsed <c>meminfo</c>, or <see langword="null"/> when missing.</summary>
    public MemInfoSnapshot? MemInfo { get; }

    /// <summary>Gets the parsed <c>vmstat</c>, or <see langword="null"/> when missing.</summary>
    public VmStatSnapshot? VmStat { get; }

    /// <summary>Gets the vm sysctls found under <c>sys/vm</c>.</summary>
    public VmSysctls Sysctls { get; }

    /// <summary>Gets the expected files that were not there.</summary>
    public IReadOnlyList<string> MissingFiles { get; }
}
