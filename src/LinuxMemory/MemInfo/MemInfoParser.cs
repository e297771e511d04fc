using LinuxMemory.Parsing;

namespace LinuxMemory.MemInfo;

/// <summary>Parses /proc/meminfo and the per-node <c>nodeN/meminfo</c> files (lines prefixed <c>Node N</c>).</summary>
public static class MemInfoParser
{
    /// <summary>The file name used in error messages when the caller gives none.</summary>
    public const string DefaultFileName = "/proc/meminfo";

    private static readonly byte[][] s_keys =
    [
        "MemTotal"u8.ToArray(), "MemFree"u8.ToArray(), "MemAvailable"u8.ToArray(), "Buffers"u8.ToArray(),
        "Cached"u8.ToArray(), "SwapCached"u8.ToArray(), "Active(anon)"u8.ToArray(), "Inactive(anon)"u8.ToArray(),
        "Active(file)"u8.ToArray(), "Inactive(file)"u8.ToArray(), "AnonPages"u8.ToArray(), "Shmem"u8.ToArray(),
        "SReclaimable"u8.ToArray(), "KReclaimable"u8.ToArray(), "SwapTotal"u8.ToArray(), "SwapFree"u8.ToArray(),
        "Zswap"u8.ToArray(), "Zswapped"u8.ToArray(), "HugePages_Total"u8.ToArray(), "Hugepagesize"u8.ToArray(),
    ];

    /// <summary>Parses meminfo text into a new snapshot.</summary>
    /// <param name="utf8">The file content.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <returns>The parsed snapshot.</returns>
    /// <exception cref="LinuxMemoryFormatException">A line is not <c>Key: value [kB]</c>.</exception>
    public static MemInfoSnapshot Parse(ReadOnlySpan<byte> utf8, string fileName)
    {
        var snapshot = new MemInfoSnapshot();
        Parse(utf8, snapshot, fileName);
        return snapshot;
    }

    /// <summary>Parses meminfo text into an existing snapshot without allocating.</summary>
    /// <param name="utf8">The file content.</param>
    /// <param name="destination">The snapshot to overwrite.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <exception cref="LinuxMemoryFormatException">A line is not <c>Key: value [kB]</c>, a size line has no
    /// <c>kB</c> unit, or a value does not fit in 64 bits.</exception>
    public static void Parse(ReadOnlySpan<byte> utf8, MemInfoSnapshot destination, string fileName)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(fileName);

        destination.Clear();
        destination.FileName = fileName;
        var cursor = new LineCursor(utf8);
        while (cursor.MoveNext())
        {
            ReadOnlySpan<byte> line = cursor.Line;
            ReadOnlySpan<byte> text = ByteText.Trim(line);
            if (text.IsEmpty)
            {
                continue;
            }

            if (text.StartsWith("Node "u8))
            {
                ByteText.NextToken(text, out ReadOnlySpan<byte> afterNode);
                ReadOnlySpan<byte> nodeNumber = ByteText.NextToken(afterNode, out text);
                if (!ByteText.TryParseInt64(nodeNumber, out _, out _))
                {
                    ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, nodeNumber),
                        "a node number after 'Node'", nodeNumber);
                }
            }

            int colon = text.IndexOf((byte)':');
            if (colon <= 0)
            {
                ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, text), "'Key: value'", text);
            }

            ReadOnlySpan<byte> key = text[..colon];
            foreach (byte b in key)
            {
                if (!ByteText.IsKeyByte(b))
                {
                    ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, key), "a key of letters, digits, '_' and '()'", key);
                }
            }

            ReadOnlySpan<byte> valueToken = ByteText.NextToken(text[(colon + 1)..], out ReadOnlySpan<byte> unit);
            if (!ByteText.TryParseInt64(valueToken, out long value, out bool overflow) || value < 0)
            {
                ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, valueToken),
                    overflow
                        ? $"a value of '{ThrowHelper.Describe(key)}' that fits in 64 bits"
                        : $"a non-negative number for '{ThrowHelper.Describe(key)}'",
                    valueToken);
            }

            int index = IndexOf(key);
            bool countLine = key.StartsWith("HugePages_"u8);
            bool badUnit = countLine
                ? !unit.IsEmpty
                : index >= 0 ? !unit.SequenceEqual("kB"u8) : !unit.IsEmpty && !unit.SequenceEqual("kB"u8);
            if (badUnit)
            {
                ReadOnlySpan<byte> where = unit.IsEmpty ? text[text.Length..] : unit;
                ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, where),
                    countLine
                        ? $"no unit after the count of '{ThrowHelper.Describe(key)}'"
                        : $"the unit 'kB' after '{ThrowHelper.Describe(key)}'",
                    unit);
            }

            if (!countLine && value > long.MaxValue / 1024)
            {
                ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, valueToken),
                    $"a size of '{ThrowHelper.Describe(key)}' below 8 EiB", valueToken);
            }

            destination.LineCount++;
            if (index >= 0)
            {
                if (destination.Get((MemInfoField)index) is not null)
                {
                    // The kernel prints every key once; a second value would silently replace the first.
                    ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, key), "each key once", key);
                }

                destination.Set((MemInfoField)index, value);
            }
        }

        if (destination.LineCount == 0)
        {
            ThrowHelper.ThrowFormat(fileName, 0, "at least one 'Key: value' line", "an empty file");
        }
    }

    private static int IndexOf(ReadOnlySpan<byte> key)
    {
        for (int i = 0; i < s_keys.Length; i++)
        {
            if (key.SequenceEqual(s_keys[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
