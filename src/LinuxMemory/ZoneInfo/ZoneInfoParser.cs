using LinuxMemory.Parsing;

namespace LinuxMemory.ZoneInfo;

/// <summary>
/// Parses /proc/zoneinfo as printed by any kernel from 2.6 to 6.x. The parser does not look at the kernel
/// version: it reads every line that is there (per-node stats blocks, empty zones, boost/cma/promo lines,
/// protection arrays, pagesets) and rejects lines that no kernel prints.
/// </summary>
public static class ZoneInfoParser
{
    /// <summary>The file name used in error messages when the caller gives none.</summary>
    public const string DefaultFileName = "/proc/zoneinfo";

    /// <summary>Parses zoneinfo text into a new snapshot.</summary>
    /// <param name="utf8">The file content.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <returns>The parsed snapshot.</returns>
    /// <exception cref="LinuxMemoryFormatException">The text is not zoneinfo as the kernel prints it.</exception>
    public static ZoneInfoSnapshot Parse(ReadOnlySpan<byte> utf8, string fileName)
    {
        var snapshot = new ZoneInfoSnapshot();
        Parse(utf8, snapshot, fileName);
        return snapshot;
    }

    /// <summary>Parses zoneinfo text into an existing snapshot, reusing its storage (no allocation once warm).</summary>
    /// <param name="utf8">The file content.</param>
    /// <param name="destination">The snapshot to overwrite.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <exception cref="LinuxMemoryFormatException">The text is not zoneinfo as the kernel prints it.</exception>
    public static void Parse(ReadOnlySpan<byte> utf8, ZoneInfoSnapshot destination, string fileName)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(fileName);

        destination.Clear();
        destination.FileName = fileName;
        var cursor = new LineCursor(utf8);
        MemoryZone? zone = null;
        NodeStatistics? nodeStats = null;
        var section = Section.None;

        while (cursor.MoveNext())
        {
            ReadOnlySpan<byte> line = cursor.Line;
            int indent = 0;
            while (indent < line.Length && ByteText.IsSpace(line[indent]))
            {
                indent++;
            }

            if (indent == line.Length)
            {
                continue;
            }

            // Counter lines (most of the file) go straight to the scanner, which also skips trailing blanks.
            ReadOnlySpan<byte> text = line[indent..];
            byte first = text[0];
            if (first == (byte)'N' && text.StartsWith("Node "u8))
            {
                if (zone is not null)
                {
                    Validate(zone, fileName, cursor.LineNumber);
                }

                zone = ParseHeader(line, ByteText.TrimEnd(text), cursor.LineNumber, destination, fileName, out nodeStats);
                section = zone is null ? Section.NodeStats : Section.Zone;
                continue;
            }

            if (zone is null && section != Section.NodeStats)
            {
                ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, text),
                    "a 'Node N, zone NAME' header", text);
            }

            if (first == (byte)'p')
            {
                ReadOnlySpan<byte> trimmed = ByteText.TrimEnd(text);
                if (trimmed.SequenceEqual("per-node stats"u8))
                {
                    nodeStats = zone is null ? nodeStats : destination.GetOrAddNode(zone.Node);
                    section = Section.NodeStats;
                    continue;
                }

                if (trimmed.SequenceEqual("pagesets"u8))
                {
                    section = Section.Pagesets;
                    continue;
                }

                if (trimmed.StartsWith("protection:"u8))
                {
                    RequireZone(zone, line, trimmed, cursor.LineNumber, fileName);
                    ParseProtection(zone!, line, trimmed["protection:"u8.Length..], cursor.LineNumber, fileName);
                    section = Section.Zone;
                    continue;
                }
            }

            ParseCounterLine(line, text, cursor.LineNumber, fileName, zone, ref nodeStats, ref section, destination);
        }

        if (zone is not null)
        {
            Validate(zone, fileName, cursor.LineNumber + 1);
        }

        if (destination.Zones.Count == 0)
        {
            ReadOnlySpan<byte> found = utf8.IsEmpty ? "an empty file"u8 : utf8[..Math.Min(utf8.Length, 40)];
            ThrowHelper.ThrowFormat(fileName, 0, 0, "at least one 'Node N, zone NAME' block", found);
        }
    }

    private static void ParseCounterLine(
        ReadOnlySpan<byte> line,
        ReadOnlySpan<byte> text,
        int lineNumber,
        string fileName,
        MemoryZone? zone,
        ref NodeStatistics? nodeStats,
        ref Section section,
        ZoneInfoSnapshot snapshot)
    {
        // A line is a key of one or more words followed by a number; the key may end in a colon. One scalar pass:
        // the lines are short, so a table lookup per byte beats vectorized searches.
        int length = text.Length;
        int i = 0;
        int keyLength = 0;
        while (i < length)
        {
            byte first = text[i];
            if (ByteText.IsDigit(first) || first == (byte)'-')
            {
                break;
            }

            while (i < length && ByteText.IsKeyTableByte(text[i]))
            {
                i++;
            }

            if (i < length && !ByteText.IsSpace(text[i]))
            {
                ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, text[i..]),
                    "a counter name of letters, digits and '_'", text[i..]);
            }

            keyLength = i;
            while (i < length && ByteText.IsSpace(text[i]))
            {
                i++;
            }
        }

        ReadOnlySpan<byte> key = text[..keyLength];
        if (i == length)
        {
            ThrowHelper.ThrowFormat(fileName, lineNumber, line.Length + 1, $"a number after '{ThrowHelper.Describe(key)}'", text[i..]);
        }

        int valueStart = i;
        while (i < length && !ByteText.IsSpace(text[i]))
        {
            i++;
        }

        long value = ParseNumber(text[valueStart..i], line, lineNumber, fileName);
        while (i < length && ByteText.IsSpace(text[i]))
        {
            i++;
        }

        if (i < length && !AllowsTrailingText(key))
        {
            ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, text[i..]), "end of line after the number", text[i..]);
        }

        if (key.IsEmpty)
        {
            // The nameless counter some 4.14-4.19 kernels print in the per-node stats.
            NodeStatistics target = nodeStats ?? snapshot.GetOrAddNode(zone!.Node);
            target.Set(NodeField.Unnamed, value);
            return;
        }

        if (key.SequenceEqual("cpu:"u8))
        {
            section = Section.Pagesets;
            return;
        }

        if (zone is null && section == Section.NodeStats && nodeStats is not null)
        {
            // Node statistics under their own 'Node N, per-node stats' header, before any zone of the node.
            NodeField statsField = MatchNodeField(key);
            if (statsField != NodeField.Count)
            {
                nodeStats.Set(statsField, value);
            }

            return;
        }

        RequireZone(zone, line, text, lineNumber, fileName);
        ZoneField field = MatchZoneField(key);
        if (field != ZoneField.Count)
        {
            if (zone!.Has(field))
            {
                ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, text),
                    $"one '{ThrowHelper.Describe(key)}' line per zone", text);
            }

            zone.Set(field, value);
            if (field != ZoneField.NrFreePages)
            {
                section = Section.Zone;
            }

            return;
        }

        if (section == Section.Pagesets)
        {
            return;
        }

        NodeField nodeField = MatchNodeField(key);
        if (nodeField == NodeField.Count)
        {
            return;
        }

        if (section == Section.NodeStats && nodeStats is not null)
        {
            nodeStats.Set(nodeField, value);
        }
        else
        {
            // Kernels before 4.8 print the LRU and slab counters per zone; the node totals are their sum.
            snapshot.GetOrAddNode(zone!.Node).Add(nodeField, value);
        }
    }

    private static bool AllowsTrailingText(ReadOnlySpan<byte> key) =>
        key.SequenceEqual("scanned"u8) || key.SequenceEqual("cpu:"u8);

    private static ZoneField MatchZoneField(ReadOnlySpan<byte> key)
    {
        switch (key.Length)
        {
            case 3:
                if (key.SequenceEqual("min"u8))
                {
                    return ZoneField.Min;
                }

                if (key.SequenceEqual("low"u8))
                {
                    return ZoneField.Low;
                }

                if (key.SequenceEqual("cma"u8))
                {
                    return ZoneField.Cma;
                }

                break;
            case 4:
                if (key.SequenceEqual("high"u8))
                {
                    return ZoneField.High;
                }

                break;
            case 5:
                if (key.SequenceEqual("boost"u8))
                {
                    return ZoneField.Boost;
                }

                if (key.SequenceEqual("promo"u8))
                {
                    return ZoneField.Promo;
                }

                break;
            case 7:
                if (key.SequenceEqual("spanned"u8))
                {
                    return ZoneField.Spanned;
                }

                if (key.SequenceEqual("present"u8))
                {
                    return ZoneField.Present;
                }

                if (key.SequenceEqual("managed"u8))
                {
                    return ZoneField.Managed;
                }

                break;
            case 10:
                if (key.SequenceEqual("pages free"u8))
                {
                    return ZoneField.PagesFree;
                }

                break;
            case 13:
                if (key.SequenceEqual("nr_free_pages"u8))
                {
                    return ZoneField.NrFreePages;
                }

                break;
        }

        return ZoneField.Count;
    }

    private static NodeField MatchNodeField(ReadOnlySpan<byte> key) => key.Length switch
    {
        14 when key.SequenceEqual("nr_active_file"u8) => NodeField.ActiveFile,
        16 when key.SequenceEqual("nr_inactive_file"u8) => NodeField.InactiveFile,
        19 when key.SequenceEqual("nr_slab_reclaimable"u8) => NodeField.SlabReclaimable,
        26 when key.SequenceEqual("nr_kernel_misc_reclaimable"u8) => NodeField.KernelMiscReclaimable,
        _ => NodeField.Count,
    };

    private static MemoryZone? ParseHeader(
        ReadOnlySpan<byte> line,
        ReadOnlySpan<byte> text,
        int lineNumber,
        ZoneInfoSnapshot snapshot,
        string fileName,
        out NodeStatistics? nodeStats)
    {
        ReadOnlySpan<byte> rest = text["Node "u8.Length..];
        int comma = rest.IndexOf((byte)',');
        long node = -1;
        if (comma <= 0 || !ByteText.TryParseInt64(rest[..comma], out node, out _) || node < 0 || node > int.MaxValue)
        {
            ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, rest), "a node number followed by ','", rest);
        }

        ReadOnlySpan<byte> after = ByteText.TrimStart(rest[(comma + 1)..]);
        if (after.SequenceEqual("per-node stats"u8))
        {
            // A layout proposed for newer kernels: node statistics under their own header.
            nodeStats = snapshot.GetOrAddNode((int)node);
            return null;
        }

        if (!after.StartsWith("zone"u8) || after.Length == 4 || !ByteText.IsSpace(after[4]))
        {
            ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, after), "'zone NAME' after the node number", after);
        }

        ReadOnlySpan<byte> name = ByteText.Trim(after[4..]);
        foreach (byte b in name)
        {
            if (!ByteText.IsKeyByte(b))
            {
                ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, name), "a zone name of letters and digits", name);
            }
        }

        if (name.IsEmpty)
        {
            ThrowHelper.ThrowFormat(fileName, lineNumber, line.Length + 1, "a zone name", name);
        }

        if (snapshot.Zones.Count >= snapshot.MaxZones)
        {
            ThrowHelper.ThrowFormat(fileName, lineNumber, 1, $"at most {snapshot.MaxZones} zones", text);
        }

        for (int i = 0; i < snapshot.Zones.Count; i++)
        {
            MemoryZone other = snapshot.Zones[i];
            if (other.Node == node && NameEquals(other.Name, name))
            {
                ThrowHelper.ThrowFormat(fileName, lineNumber, 1, "each node's zone to appear once", text);
            }
        }

        MemoryZone zone = snapshot.AddZone();
        string previousName = zone.Name;
        zone.Node = (int)node;
        zone.LineNumber = lineNumber;
        (zone.Name, zone.Type) = Intern(name, previousName);
        nodeStats = null;
        return zone;
    }

    private static (string Name, ZoneType Type) Intern(ReadOnlySpan<byte> name, string previous)
    {
        if (name.SequenceEqual("DMA"u8))
        {
            return ("DMA", ZoneType.Dma);
        }

        if (name.SequenceEqual("DMA32"u8))
        {
            return ("DMA32", ZoneType.Dma32);
        }

        if (name.SequenceEqual("Normal"u8))
        {
            return ("Normal", ZoneType.Normal);
        }

        if (name.SequenceEqual("HighMem"u8))
        {
            return ("HighMem", ZoneType.HighMem);
        }

        if (name.SequenceEqual("Movable"u8))
        {
            return ("Movable", ZoneType.Movable);
        }

        if (name.SequenceEqual("Device"u8))
        {
            return ("Device", ZoneType.Device);
        }

        // An unknown name allocates only when it differs from what this pooled zone held last time.
        return (NameEquals(previous, name) ? previous : System.Text.Encoding.ASCII.GetString(name), ZoneType.Other);
    }

    private static bool NameEquals(string name, ReadOnlySpan<byte> bytes)
    {
        if (name.Length != bytes.Length)
        {
            return false;
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            if (name[i] != bytes[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void ParseProtection(MemoryZone zone, ReadOnlySpan<byte> line, ReadOnlySpan<byte> list, int lineNumber, string fileName)
    {
        if (zone.HasProtection)
        {
            ThrowHelper.ThrowFormat(fileName, lineNumber, 1, "one 'protection:' line per zone", list);
        }

        ReadOnlySpan<byte> body = ByteText.Trim(list);
        if (body.Length < 2 || body[0] != (byte)'(' || body[^1] != (byte)')')
        {
            ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, body), "'(n, n, ...)' after 'protection:'", body);
        }

        zone.MarkProtection();
        body = body[1..^1];
        while (!body.IsEmpty)
        {
            int comma = body.IndexOf((byte)',');
            ReadOnlySpan<byte> item = ByteText.Trim(comma < 0 ? body : body[..comma]);
            long value = ParseNumber(item, line, lineNumber, fileName);
            if (value < 0 || value > MaxZonePages)
            {
                ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, item),
                    "protection entries from 0 to 2^48 pages", item);
            }

            if (!zone.TryAddProtection(value))
            {
                ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, item),
                    $"at most {MemoryZone.MaxProtectionEntries} protection entries", item);
            }

            body = comma < 0 ? default : body[(comma + 1)..];
            if (comma >= 0 && ByteText.Trim(body).IsEmpty)
            {
                ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, body), "a number after ','", body);
            }
        }
    }

    private static long ParseNumber(ReadOnlySpan<byte> token, ReadOnlySpan<byte> line, int lineNumber, string fileName)
    {
        if (!ByteText.TryParseInt64(token, out long value, out bool overflow))
        {
            ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, token),
                overflow ? "a number that fits in 64 bits" : "a decimal number", token);
        }

        return value;
    }

    private static void RequireZone(MemoryZone? zone, ReadOnlySpan<byte> line, ReadOnlySpan<byte> text, int lineNumber, string fileName)
    {
        if (zone is null)
        {
            ThrowHelper.ThrowFormat(fileName, lineNumber, ByteText.ColumnOf(line, text), "a 'Node N, zone NAME' header", text);
        }
    }

    // No machine has 2^48 pages in a zone (2^60 bytes with 4 KiB pages); the bound keeps the watermark
    // arithmetic (sums over zones, products with watermark_scale_factor and the page size) inside 64 bits.
    private const long MaxZonePages = 1L << 48;

    private static readonly (ZoneField Field, string Name)[] s_pageCountFields =
    [
        (ZoneField.Min, "min"), (ZoneField.Low, "low"), (ZoneField.High, "high"), (ZoneField.Promo, "promo"),
        (ZoneField.Boost, "boost"), (ZoneField.Spanned, "spanned"), (ZoneField.Present, "present"),
        (ZoneField.Managed, "managed"), (ZoneField.PagesFree, "pages free"),
    ];

    private static void Validate(MemoryZone zone, string fileName, int lineNumber)
    {
        if (!zone.Has(ZoneField.Min) || !zone.Has(ZoneField.Low) || !zone.Has(ZoneField.High) ||
            (!zone.Has(ZoneField.Managed) && !zone.Has(ZoneField.Present)))
        {
            ThrowHelper.ThrowFormat(fileName, lineNumber, $"zone {zone.Name} of node {zone.Node} (line {zone.LineNumber}) " +
                "to print min, low, high and present or managed", "the zone ending there (truncated?)");
        }

        foreach ((ZoneField field, string name) in s_pageCountFields)
        {
            if (zone.Get(field) is long pages && pages > MaxZonePages)
            {
                ThrowHelper.ThrowFormat(fileName, zone.LineNumber,
                    $"page counts of at most 2^48 in zone {zone.Name} of node {zone.Node}", $"{name} {pages}");
            }
        }

        long min = zone.Get(ZoneField.Min)!.Value;
        long low = zone.Get(ZoneField.Low)!.Value;
        long high = zone.Get(ZoneField.High)!.Value;
        if (min < 0 || low < min || high < low)
        {
            ThrowHelper.ThrowFormat(fileName, zone.LineNumber,
                $"0 <= min <= low <= high in zone {zone.Name} of node {zone.Node}", $"min {min}, low {low}, high {high}");
        }
    }

    private enum Section
    {
        None,
        NodeStats,
        Zone,
        Pagesets,
    }
}
