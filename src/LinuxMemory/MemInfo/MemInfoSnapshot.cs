namespace LinuxMemory.MemInfo;

/// <summary>
/// The parsed values of one /proc/meminfo (or /sys/devices/system/node/nodeN/meminfo) read. Reusable: parsing
/// into it again overwrites it without allocating.
/// </summary>
public sealed class MemInfoSnapshot
{
    private const int FieldCount = (int)MemInfoField.HugePageSize + 1;

    private readonly long[] _values = new long[FieldCount];
    private uint _present;

    /// <summary>Gets the name of the file this snapshot was parsed from.</summary>
    public string FileName { get; internal set; } = string.Empty;

    /// <summary>Gets the number of lines read, known or not.</summary>
    public int LineCount { get; internal set; }

    /// <summary>Gets a value as printed (kB for sizes), or <see langword="null"/> when the line was absent.</summary>
    /// <param name="field">The line to look up.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public long? Get(MemInfoField field) =>
        (_present & (1u << (int)field)) != 0 ? _values[(int)field] : null;

    /// <summary>Gets a size line in bytes, or <see langword="null"/> when absent.</summary>
    /// <param name="field">A line printed in kB.</param>
    /// <returns>The value times 1024, or <see langword="null"/>.</returns>
    public long? GetBytes(MemInfoField field) => Get(field) is long kb ? checked(kb * 1024) : null;

    internal void Set(MemInfoField field, long value)
    {
        _values[(int)field] = value;
        _present |= 1u << (int)field;
    }

    internal void Clear()
    {
        _present = 0;
        LineCount = 0;
    }
}
