namespace LinuxMemory.ZoneInfo;

/// <summary>
/// One <c>Node N, zone NAME</c> block of /proc/zoneinfo: the watermarks and sizes in pages, as printed.
/// Values the kernel did not print (older or newer formats, empty zones) are <see langword="null"/>.
/// Instances belong to a <see cref="ZoneInfoSnapshot"/> and are overwritten when it is parsed into again.
/// </summary>
public sealed class MemoryZone
{
    internal const int MaxProtectionEntries = 16;

    private readonly long[] _values = new long[(int)ZoneField.Count];
    private readonly long[] _protection = new long[MaxProtectionEntries];
    private uint _present;
    private int _protectionCount;

    internal MemoryZone()
    {
        Name = string.Empty;
    }

    /// <summary>Gets the NUMA node number.</summary>
    public int Node { get; internal set; }

    /// <summary>Gets the zone name as printed (for example <c>DMA32</c>).</summary>
    public string Name { get; internal set; }

    /// <summary>Gets the zone kind derived from <see cref="Name"/>.</summary>
    public ZoneType Type { get; internal set; }

    /// <summary>Gets the 1-based line of the zone's header in the parsed file.</summary>
    public int LineNumber { get; internal set; }

    /// <summary>Gets the <c>pages free</c> value.</summary>
    public long? PagesFree => Get(ZoneField.PagesFree);

    /// <summary>Gets the <c>boost</c> line (printed since 5.16).</summary>
    public long? Boost => Get(ZoneField.Boost);

    /// <summary>Gets the printed <c>min</c> watermark (includes boost).</summary>
    public long? Min => Get(ZoneField.Min);

    /// <summary>Gets the printed <c>low</c> watermark (includes boost).</summary>
    public long? Low => Get(ZoneField.Low);

    /// <summary>Gets the printed <c>high</c> watermark (includes boost).</summary>
    public long? High => Get(ZoneField.High);

    /// <summary>Gets the printed <c>promo</c> watermark (6.x kernels).</summary>
    public long? Promo => Get(ZoneField.Promo);

    /// <summary>Gets the <c>spanned</c> pages.</summary>
    public long? Spanned => Get(ZoneField.Spanned);

    /// <summary>Gets the <c>present</c> pages.</summary>
    public long? Present => Get(ZoneField.Present);

    /// <summary>Gets the <c>managed</c> pages (printed since 3.8).</summary>
    public long? Managed => Get(ZoneField.Managed);

    /// <summary>Gets the <c>cma</c> pages (printed since 5.12).</summary>
    public long? Cma => Get(ZoneField.Cma);

    /// <summary>Gets the zone's <c>nr_free_pages</c> counter.</summary>
    public long? NrFreePages => Get(ZoneField.NrFreePages);

    /// <summary>Gets the <c>protection:</c> array (lowmem_reserve per zone index); empty when not printed.</summary>
    public ReadOnlySpan<long> Protection => _protection.AsSpan(0, _protectionCount);

    /// <summary>Gets a value indicating whether the zone printed a <c>protection:</c> line.</summary>
    public bool HasProtection { get; private set; }

    /// <summary>
    /// Gets the size the kernel divides <c>min_free_kbytes</c> by: <see cref="Managed"/>, or <see cref="Present"/>
    /// on kernels before 3.8 that print no managed line.
    /// </summary>
    public long SizePages => Get(ZoneField.Managed) ?? Get(ZoneField.Present) ?? 0;

    /// <summary>Gets a value indicating whether the zone has pages.</summary>
    public bool IsPopulated => SizePages > 0;

    internal long? Get(ZoneField field) =>
        (_present & (1u << (int)field)) != 0 ? _values[(int)field] : null;

    internal bool Has(ZoneField field) => (_present & (1u << (int)field)) != 0;

    internal void Set(ZoneField field, long value)
    {
        _values[(int)field] = value;
        _present |= 1u << (int)field;
    }

    internal bool TryAddProtection(long value)
    {
        if (_protectionCount == MaxProtectionEntries)
        {
            return false;
        }

        _protection[_protectionCount++] = value;
        return true;
    }

    internal void MarkProtection() => HasProtection = true;

    internal void Reset()
    {
        _present = 0;
        _protectionCount = 0;
        HasProtection = false;
        Node = 0;
        LineNumber = 0;
        Type = ZoneType.Other;
    }
}

/// <summary>Indexes of the per-zone values the parser keeps.</summary>
internal enum ZoneField
{
    PagesFree,
    Boost,
    Min,
    Low,
    High,
    Promo,
    Spanned,
    Present,
    Managed,
    Cma,
    NrFreePages,
    Count,
}
