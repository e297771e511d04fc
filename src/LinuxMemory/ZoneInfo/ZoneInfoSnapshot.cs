namespace LinuxMemory.ZoneInfo;

/// <summary>
/// The parsed content of one /proc/zoneinfo read: every printed zone of every node, in file order, and the
/// per-node statistics. A snapshot is reusable: parsing into it again overwrites it without allocating once its
/// pools have grown to the machine's size.
/// </summary>
public sealed class ZoneInfoSnapshot
{
    /// <summary>The default limit on the number of zones one file may contain.</summary>
    public const int DefaultMaxZones = 8192;

    private readonly PooledList<MemoryZone> _zones = new();
    private readonly PooledList<NodeStatistics> _nodes = new();

    /// <summary>Initializes a new, empty snapshot.</summary>
    /// <param name="maxZones">The most zones a parsed file may hold before it is rejected as bad input.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxZones"/> is less than 1.</exception>
    public ZoneInfoSnapshot(int maxZones = DefaultMaxZones)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxZones, 1);
        MaxZones = maxZones;
    }

    /// <summary>Gets the most zones a parsed file may hold.</summary>
    public int MaxZones { get; }

    /// <summary>Gets the zones in file order.</summary>
    public IReadOnlyList<MemoryZone> Zones => _zones;

    /// <summary>Gets the per-node statistics, one entry per node that printed any.</summary>
    public IReadOnlyList<NodeStatistics> Nodes => _nodes;

    /// <summary>Gets the name of the file this snapshot was parsed from.</summary>
    public string FileName { get; internal set; } = string.Empty;

    /// <summary>Finds the statistics of a node, or returns <see langword="null"/>.</summary>
    /// <param name="node">The node number.</param>
    /// <returns>The node's statistics, or <see langword="null"/> when it printed none.</returns>
    public NodeStatistics? FindNode(int node)
    {
        for (int i = 0; i < _nodes.Count; i++)
        {
            if (_nodes[i].Node == node)
            {
                return _nodes[i];
            }
        }

        return null;
    }

    internal void Clear()
    {
        _zones.Clear();
        _nodes.Clear();
    }

    internal MemoryZone AddZone()
    {
        MemoryZone zone = _zones.Rent(static () => new MemoryZone());
        zone.Reset();
        return zone;
    }

    internal NodeStatistics GetOrAddNode(int node)
    {
        NodeStatistics? existing = FindNode(node);
        if (existing is not null)
        {
            return existing;
        }

        NodeStatistics stats = _nodes.Rent(static () => new NodeStatistics());
        stats.Reset();
        stats.Node = node;
        return stats;
    }
}
