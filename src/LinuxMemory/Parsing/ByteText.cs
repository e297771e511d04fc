namespace LinuxMemory.Parsing;

/// <summary>Small byte-level helpers shared by the parsers.</summary>
internal static class ByteText
{
    public static bool IsSpace(byte b) => b == (byte)' ' || b == (byte)'\t';

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    public static bool IsKeyByte(byte b) =>
        (uint)((b | 0x20) - 'a') <= 'z' - 'a' || IsDigit(b) || b == (byte)'_' || b == (byte)'-' ||
        b == (byte)'(' || b == (byte)')' || b == (byte)'.';

    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> s)
    {
        int i = 0;
        while (i < s.Length && IsSpace(s[i]))
        {
            i++;
        }

        return s[i..];
    }

    public static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> s)
    {
        int i = s.Length;
        while (i > 0 && IsSpace(s[i - 1]))
        {
            i--;
        }

        return s[..i];
    }

    /// <summary>Whether <paramref name="b"/> may appear in a counter name (table lookup).</summary>
    public static bool IsKeyTableByte(byte b) => s_keyTable[b];

    private static readonly bool[] s_keyTable = BuildKeyTable();

    private static bool[] BuildKeyTable()
    {
        var table = new bool[256];
        foreach (byte b in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-().:"u8)
        {
            table[b] = true;
        }

        return table;
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) => TrimEnd(TrimStart(s));

    /// <summary>Splits off the first whitespace-delimited token; <paramref name="rest"/> starts after the spaces.</summary>
    public static ReadOnlySpan<byte> NextToken(ReadOnlySpan<byte> s, out ReadOnlySpan<byte> rest)
    {
        s = TrimStart(s);
        int i = s.IndexOfAny((byte)' ', (byte)'\t');
        if (i < 0)
        {
            rest = s[s.Length..];
            return s;
        }

        rest = TrimStart(s[i..]);
        return s[..i];
    }

    /// <summary>
    /// Parses a whole token as a decimal integer (optional leading minus). Returns false when the token is not
    /// a number; sets <paramref name="overflow"/> when the digits do not fit in 64 bits.
    /// </summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> token, out long value, out bool overflow)
    {
        value = 0;
        overflow = false;
        if (token.IsEmpty)
        {
            return false;
        }

        bool negative = token[0] == (byte)'-';
        int i = negative ? 1 : 0;
        if (i == token.Length)
        {
            return false;
        }

        ulong acc = 0;
        for (; i < token.Length; i++)
        {
            byte b = token[i];
            if (!IsDigit(b))
            {
                return false;
            }

            ulong next = (acc * 10) + (uint)(b - '0');
            if (acc > (ulong.MaxValue / 10) || next < acc || next > (ulong)long.MaxValue + (negative ? 1UL : 0UL))
            {
                overflow = true;
                return false;
            }

            acc = next;
        }

        value = negative ? (long)(0UL - acc) : (long)acc;
        return true;
    }

    /// <summary>Column (1-based) of <paramref name="part"/> inside <paramref name="line"/>.</summary>
    public static int ColumnOf(ReadOnlySpan<byte> line, ReadOnlySpan<byte> part)
    {
        if (part.IsEmpty)
        {
            return line.Length + 1;
        }

        nint offset = System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(line),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(part));
        return offset >= 0 && offset <= line.Length ? (int)offset + 1 : 0;
    }
}
