namespace LinuxMemory.ZoneInfo;

/// <summary>
/// The <c>per-node stats</c> counters of one NUMA node that matter for MemAvailable (kernels 4.8 and later;
/// older kernels print these per zone, and they are summed here). Counts are in pages, except
/// <see cref="UnnamedValue"/>.
/// </summary>
public sealed class NodeStatistics
{
    private readonly long[] _values = new long[(int)NodeField.Count];
    private uint _present;

    internal NodeStatistics()
    {
    }

    /// <summary>Gets the NUMA node number.</summary>
    public int Node { get; internal set; }

    /// <summary>Gets <c>nr_inactive_file</c>.</summary>
    public long? InactiveFile => Get(NodeField.InactiveFile);

    /// <summary>Gets <c>nr_active_file</c>.</summary>
    public long? ActiveFile => Get(NodeField.ActiveFile);

    /// <summary>Gets <c>nr_slab_reclaimable</c>.</summary>
    public long? SlabReclaimable => Get(NodeField.SlabReclaimable);

    /// <summary>Gets <c>nr_kernel_misc_reclaimable</c> (4.20+).</summary>
    public long? KernelMiscReclaimable => Get(NodeField.KernelMiscReclaimable);

    /// <summary>
    /// Gets the value of the nameless counter line some 4.14–4.19 and RHEL 8 kernels print in the node stats
    /// (the hidden <c>nr_indirectly_reclaimable_bytes</c>, in bytes).
    /// </summary>
    public long? UnnamedValue => Get(NodeField.Unnamed);

    internal long? Get(NodeField field) =>
        (_present & (1u << (int)field)) != 0 ? _values[(int)field] : null;

    internal void Set(NodeField field, long value)
    {
        _values[(int)field] = value;
        _present |= 1u << (int)field;
    }

    internal void Add(NodeField field, long value)
    {
        long current = (_present & (1u << (int)field)) != 0 ? _values[(int)field] : 0;
        Set(field, current + value);
    }

    internal void Reset()
    {
        _present = 0;
        Node = 0;
    }
}

/// <summary>Indexes of the per-node values the parser keeps.</summary>
internal enum NodeField
{
    InactiveFile,
    ActiveFile,
    SlabReclaimable,
    KernelMiscReclaimable,
    Unnamed,
    Count,
}
