using LinuxMemory.Parsing;

namespace LinuxMemory.VmStat;

/// <summary>Parses /proc/vmstat (<c>name value</c> lines).</summary>
public static class VmStatParser
{
    /// <summary>The file name used in error messages when the caller gives none.</summary>
    public const string DefaultFileName = "/proc/vmstat";

    /// <summary>Parses vmstat text into a new snapshot.</summary>
    /// <param name="utf8">The file content.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <returns>The parsed snapshot.</returns>
    /// <exception cref="LinuxMemoryFormatException">A line is not <c>name value</c>.</exception>
    public static VmStatSnapshot Parse(ReadOnlySpan<byte> utf8, string fileName)
    {
        var snapshot = new VmStatSnapshot();
        Parse(utf8, snapshot, fileName);
        return snapshot;
    }

    /// <summary>Parses vmstat text into an existing snapshot without allocating.</summary>
    /// <param name="utf8">The file content.</param>
    /// <param name="destination">The snapshot to overwrite.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <exception cref="LinuxMemoryFormatException">A line is not <c>name value</c> or a value does not fit in 64 bits.</exception>
    public static void Parse(ReadOnlySpan<byte> utf8, VmStatSnapshot destination, string fileName)
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

            ReadOnlySpan<byte> key = ByteText.NextToken(text, out ReadOnlySpan<byte> rest);
            foreach (byte b in key)
            {
                if (!ByteText.IsKeyByte(b))
                {
                    ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, key), "a counter name of letters, digits and '_'", key);
                }
            }

            ReadOnlySpan<byte> valueToken = ByteText.NextToken(rest, out ReadOnlySpan<byte> trailing);
            if (!ByteText.TryParseInt64(valueToken, out long value, out bool overflow))
            {
                ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, valueToken.IsEmpty ? rest : valueToken),
                    overflow ? $"a value of '{ThrowHelper.Describe(key)}' that fits in 64 bits" : $"a number after '{ThrowHelper.Describe(key)}'",
                    valueToken);
            }

            if (!trailing.IsEmpty)
            {
                ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, trailing), "end of line after the number", trailing);
            }

            destination.LineCount++;
            if (TryMatch(key, out VmStatField field))
            {
                destination.Add(field, value);
            }
        }

        if (destination.LineCount == 0)
        {
            ThrowHelper.ThrowFormat(fileName, 0, "at least one 'name value' line", "an empty file");
        }
    }

    private static bool TryMatch(ReadOnlySpan<byte> key, out VmStatField field)
    {
        field = default;
        if (key.Length < 6)
        {
            return false;
        }

        switch (key[0])
        {
            case (byte)'n':
                return Exact(key, "nr_free_pages"u8, VmStatField.NrFreePages, out field);
            case (byte)'p':
                if (Exact(key, "pswpin"u8, VmStatField.SwapIn, out field) ||
                    Exact(key, "pswpout"u8, VmStatField.SwapOut, out field) ||
                    Exact(key, "pgmajfault"u8, VmStatField.MajorFaults, out field) ||
                    Exact(key, "pageoutrun"u8, VmStatField.PageOutRun, out field) ||
                    Prefix(key, "pgscan_kswapd"u8, VmStatField.ScanKswapd, out field) ||
                    Prefix(key, "pgsteal_kswapd"u8, VmStatField.StealKswapd, out field) ||
                    Prefix(key, "pgsteal_direct"u8, VmStatField.StealDirect, out field))
                {
                    return true;
                }

                return !key.SequenceEqual("pgscan_direct_throttle"u8) &&
                    Prefix(key, "pgscan_direct"u8, VmStatField.ScanDirect, out field);
            case (byte)'a':
                return Prefix(key, "allocstall"u8, VmStatField.AllocStall, out field);
            case (byte)'w':
                return Exact(key, "workingset_refault"u8, VmStatField.WorkingsetRefault, out field) ||
                    Exact(key, "workingset_refault_anon"u8, VmStatField.WorkingsetRefault, out field) ||
                    Exact(key, "workingset_refault_file"u8, VmStatField.WorkingsetRefault, out field);
            case (byte)'o':
                return Exact(key, "oom_kill"u8, VmStatField.OomKill, out field);
            case (byte)'c':
                return Exact(key, "compact_stall"u8, VmStatField.CompactStall, out field);
            case (byte)'k':
                return Exact(key, "kswapd_low_wmark_hit_quickly"u8, VmStatField.KswapdLowWatermarkHitQuickly, out field) ||
                    Exact(key, "kswapd_high_wmark_hit_quickly"u8, VmStatField.KswapdHighWatermarkHitQuickly, out field);
            default:
                return false;
        }
    }

    private static bool Exact(ReadOnlySpan<byte> key, ReadOnlySpan<byte> name, VmStatField value, out VmStatField field)
    {
        field = value;
        return key.SequenceEqual(name);
    }

    private static bool Prefix(ReadOnlySpan<byte> key, ReadOnlySpan<byte> name, VmStatField value, out VmStatField field)
    {
        field = value;
        return key.StartsWith(name) && (key.Length == name.Length || key[name.Length] == (byte)'_');
    }
}
