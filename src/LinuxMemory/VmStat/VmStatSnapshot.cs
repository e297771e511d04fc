namespace LinuxMemory.VmStat;

/// <summary>The counters of one /proc/vmstat read. Reusable: parsing into it again does not allocate.</summary>
public sealed class VmStatSnapshot
{
    private const int FieldCount = (int)VmStatField.PageOutRun + 1;

    private readonly long[] _values = new long[FieldCount];
    private uint _present;

    /// <summary>Gets the name of the file this snapshot was parsed from.</summary>
    public string FileName { get; internal set; } = string.Empty;

    /// <summary>Gets the number of counter lines read, known or not.</summary>
    public int LineCount { get; internal set; }

    /// <summary>Gets a counter, or <see langword="null"/> when the kernel does not print it.</summary>
    /// <param name="field">The counter.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public long? Get(VmStatField field) =>
        (_present & (1u << (int)field)) != 0 ? _values[(int)field] : null;

    internal void Add(VmStatField field, long value)
    {
        long current = (_present & (1u << (int)field)) != 0 ? _values[(int)field] : 0;
        _values[(int)field] = unchecked(current + value);
        _present |= 1u << (int)field;
    }

    internal void Clear()
    {
        _present = 0;
        LineCount = 0;
    }
}
