using System.Buffers;
using System.Diagnostics;
using System.Text;

namespace Kyaml;

/// <summary>
/// Decodes the raw text of a scalar the reader validated: escapes of double-quoted strings, doubled quotes of
/// single-quoted ones, and YAML line folding (line breaks, escaped line breaks and continuation indentation).
/// </summary>
internal static class KyamlUnescaper
{
    private static readonly SearchValues<byte> s_doubleSpecials = SearchValues.Create("\\\n\r"u8);
    private static readonly SearchValues<byte> s_singleSpecials = SearchValues.Create("'\n\r"u8);
    private static readonly SearchValues<byte> s_plainSpecials = SearchValues.Create("\n\r"u8);

    /// <summary>Gets an upper bound of the decoded length: only <c>\L</c> and <c>\P</c> grow (2 bytes to 3).</summary>
    public static int GetMaxDecodedLength(int rawLength) => rawLength + (rawLength / 2) + 1;

    /// <summary>Decodes <paramref name="raw"/> into <paramref name="destination"/>.</summary>
    /// <returns>False when the destination is too short; <paramref name="written"/> is then meaningless.</returns>
    public static bool TryDecode(
        ReadOnlySpan<byte> raw, KyamlScalarStyle style, Span<byte> destination, out int written)
    {
        SearchValues<byte> specials = style switch
        {
            KyamlScalarStyle.DoubleQuoted => s_doubleSpecials,
            KyamlScalarStyle.SingleQuoted => s_singleSpecials,
            _ => s_plainSpecials,
        };

        int o = 0;
        int whiteRunStart = -1;
        int i = 0;
        written = 0;
        while (i < raw.Length)
        {
            byte b = raw[i];
            if (b == (byte)'\\' && style == KyamlScalarStyle.DoubleQuoted)
            {
                whiteRunStart = -1;
                if (!TryDecodeEscape(raw, ref i, destination, ref o))
                {
                    return false;
                }

                continue;
            }

            if (b == (byte)'\'' && style == KyamlScalarStyle.SingleQuoted)
            {
                // The scanner only lets doubled quotes through.
                whiteRunStart = -1;
                if (!TryWrite(destination, ref o, (byte)'\''))
                {
                    return false;
                }

                i += 2;
                continue;
            }

            if (b is (byte)'\n' or (byte)'\r')
            {
                // Folding: whitespace before an unescaped break goes, the break becomes a space, or one line feed
                // per empty line that follows it; the next line's indentation goes.
                if (whiteRunStart >= 0)
                {
                    o = whiteRunStart;
                }

                whiteRunStart = -1;
                i = SkipBreak(raw, i);
                int emptyLines = 0;
                while (true)
                {
                    int j = SkipWhite(raw, i);
                    if (j < raw.Length && raw[j] is (byte)'\n' or (byte)'\r')
                    {
                        emptyLines++;
                        i = SkipBreak(raw, j);
                    }
                    else
                    {
                        i = j;
                        break;
                    }
                }

                if (emptyLines == 0)
                {
                    if (!TryWrite(destination, ref o, (byte)' '))
                    {
                        return false;
                    }
                }
                else
                {
                    for (int k = 0; k < emptyLines; k++)
                    {
                        if (!TryWrite(destination, ref o, (byte)'\n'))
                        {
                            return false;
                        }
                    }
                }

                continue;
            }

            int run = raw[i..].IndexOfAny(specials);
            if (run < 0)
            {
                run = raw.Length - i;
            }

            if (o + run > destination.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> text = raw.Slice(i, run);
            text.CopyTo(destination[o..]);
            o += run;
            i += run;

            // Spaces and tabs at the end of the run go if an unescaped line break follows.
            int trailing = text.Length - text.TrimEnd(" \t"u8).Length;
            whiteRunStart = trailing > 0 ? o - trailing : -1;
        }

        written = o;
        return true;
    }

    private static bool TryDecodeEscape(ReadOnlySpan<byte> raw, ref int i, Span<byte> destination, ref int o)
    {
        Debug.Assert(i + 1 < raw.Length, "The scanner validated every escape.");
        byte e = raw[i + 1];
        byte simple;
        switch (e)
        {
            case (byte)'0': simple = 0x00; break;
            case (byte)'a': simple = 0x07; break;
            case (byte)'b': simple = 0x08; break;
            case (byte)'t':
            case (byte)'\t': simple = 0x09; break;
            case (byte)'n': simple = 0x0A; break;
            case (byte)'v': simple = 0x0B; break;
            case (byte)'f': simple = 0x0C; break;
            case (byte)'r': simple = 0x0D; break;
            case (byte)'e': simple = 0x1B; break;
            case (byte)' ': simple = 0x20; break;
            case (byte)'"': simple = 0x22; break;
            case (byte)'/': simple = 0x2F; break;
            case (byte)'\\': simple = 0x5C; break;
            case (byte)'N': i += 2; return TryWriteRune(destination, ref o, 0x85);
            case (byte)'_': i += 2; return TryWriteRune(destination, ref o, 0xA0);
            case (byte)'L': i += 2; return TryWriteRune(destination, ref o, 0x2028);
            case (byte)'P': i += 2; return TryWriteRune(destination, ref o, 0x2029);
            case (byte)'\n':
            case (byte)'\r':
                // An escaped line break disappears with the next line's indentation; each empty line after it
                // still gives a line feed.
                i = SkipBreak(raw, i + 1);
                while (true)
                {
                    int j = SkipWhite(raw, i);
                    if (j < raw.Length && raw[j] is (byte)'\n' or (byte)'\r')
                    {
                        if (!TryWrite(destination, ref o, (byte)'\n'))
                        {
                            return false;
                        }

                        i = SkipBreak(raw, j);
                    }
                    else
                    {
                        i = j;
                        return true;
                    }
                }

            default:
                int digits = e == (byte)'x' ? 2 : e == (byte)'u' ? 4 : 8;
                uint value = 0;
                for (int d = 0; d < digits; d++)
                {
                    byte h = raw[i + 2 + d];
                    int hex = h <= (byte)'9' ? h - '0' : (h | 0x20) - 'a' + 10;
                    value = (value << 4) | (uint)hex;
                }

                i += 2 + digits;
                return TryWriteRune(destination, ref o, value);
        }

        i += 2;
        return TryWrite(destination, ref o, simple);
    }

    private static int SkipBreak(ReadOnlySpan<byte> raw, int i)
    {
        return raw[i] == (byte)'\r' && i + 1 < raw.Length && raw[i + 1] == (byte)'\n' ? i + 2 : i + 1;
    }

    private static int SkipWhite(ReadOnlySpan<byte> raw, int i)
    {
        if (i >= raw.Length || raw[i] is not ((byte)' ' or (byte)'\t'))
        {
            return i;
        }

        // Continuation lines carry the indentation of their nesting level; skip it in one search.
        int run = raw[i..].IndexOfAnyExcept((byte)' ', (byte)'\t');
        return run < 0 ? raw.Length : i + run;
    }

    private static bool TryWrite(Span<byte> destination, ref int o, byte value)
    {
        if (o >= destination.Length)
        {
            return false;
        }

        destination[o++] = value;
        return true;
    }

    private static bool TryWriteRune(Span<byte> destination, ref int o, uint value)
    {
        // \x escapes name a code point below 0x100 (so \xE9 is é); the scanner rejected invalid scalar values.
        Rune rune = new((int)value);
        if (!rune.TryEncodeToUtf8(destination[o..], out int length))
        {
            return false;
        }

        o += length;
        return true;
    }
}
