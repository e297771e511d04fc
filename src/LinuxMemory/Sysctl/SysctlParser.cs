using LinuxMemory.Parsing;

namespace LinuxMemory.Sysctl;

/// <summary>Parses the content of single-value and list-valued sysctl and cgroup files.</summary>
public static class SysctlParser
{
    /// <summary>Parses a file that holds one integer (trailing newline allowed).</summary>
    /// <param name="utf8">The file content.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <returns>The value.</returns>
    /// <exception cref="LinuxMemoryFormatException">The content is not one integer that fits in 64 bits.</exception>
    public static long ParseInteger(ReadOnlySpan<byte> utf8, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ReadOnlySpan<byte> text = TrimAll(utf8);
        if (!ByteText.TryParseInt64(text, out long value, out bool overflow))
        {
            ThrowHelper.ThrowFormat(fileName, 1, 1, overflow ? "an integer that fits in 64 bits" : "one integer", text);
        }

        return value;
    }

    /// <summary>
    /// Parses a limit file of a cgroup v2 controller: an integer, or <c>max</c> meaning unlimited.
    /// </summary>
    /// <param name="utf8">The file content.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <returns>The value, or <see langword="null"/> for <c>max</c>.</returns>
    /// <exception cref="LinuxMemoryFormatException">The content is neither an integer nor <c>max</c>.</exception>
    public static long? ParseLimit(ReadOnlySpan<byte> utf8, string fileName)
    {
        return TrimAll(utf8).SequenceEqual("max"u8) ? null : ParseInteger(utf8, fileName);
    }

    /// <summary>Parses a file holding integers separated by spaces or tabs (for example lowmem_reserve_ratio).</summary>
    /// <param name="utf8">The file content.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <returns>The values in order.</returns>
    /// <exception cref="LinuxMemoryFormatException">An item is not an integer, or there are none.</exception>
    public static long[] ParseIntegerList(ReadOnlySpan<byte> utf8, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ReadOnlySpan<byte> text = TrimAll(utf8);
        var values = new List<long>(8);
        while (!text.IsEmpty)
        {
            ReadOnlySpan<byte> token = ByteText.NextToken(text, out text);
            if (!ByteText.TryParseInt64(token, out long value, out bool overflow))
            {
                ThrowHelper.ThrowFormat(fileName, 1, ByteText.ColumnOf(utf8, token),
                    overflow ? "integers that fit in 64 bits" : "integers separated by spaces", token);
            }

            values.Add(value);
            if (values.Count > 64)
            {
                ThrowHelper.ThrowFormat(fileName, 1, ByteText.ColumnOf(utf8, token), "at most 64 values", token);
            }
        }

        if (values.Count == 0)
        {
            ThrowHelper.ThrowFormat(fileName, 1, "at least one integer", "an empty file");
        }

        return [.. values];
    }

    private static ReadOnlySpan<byte> TrimAll(ReadOnlySpan<byte> utf8)
    {
        int start = 0;
        int end = utf8.Length;
        while (start < end && IsWhite(utf8[start]))
        {
            start++;
        }

        while (end > start && IsWhite(utf8[end - 1]))
        {
            end--;
        }

        return utf8[start..end];
    }

    private static bool IsWhite(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r';
}
