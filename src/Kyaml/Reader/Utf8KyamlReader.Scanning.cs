using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Kyaml;

/// <summary>Scanning of scalars and document markers inside the current window.</summary>
public ref partial struct Utf8KyamlReader
{
    /// <summary>Scans a double-quoted scalar starting at its opening quote.</summary>
    /// <returns>The index after the closing quote, or -1 when the block ends first.</returns>
    private readonly int ScanDoubleQuoted(int i, out bool escaped, out bool sawBreak)
    {
        ReadOnlySpan<byte> buffer = _buffer;
        escaped = false;
        sawBreak = false;
        int j = i + 1;
        while (true)
        {
            int k = j < buffer.Length ? buffer[j..].IndexOfAny(s_doubleQuotedStops) : -1;
            if (k < 0)
            {
                if (!_isFinalWindow)
                {
                    CheckTokenSize(i, buffer.Length - i);
                    return -1;
                }

                ThrowAt(i, "Found a double-quoted string that is not closed before the end of the input.");
            }

            j += k;
            byte b = buffer[j];
            if (b == (byte)'"')
            {
                ValidateUtf8(i + 1, j);
                return j + 1;
            }

            if (b == (byte)'\\')
            {
                escaped = true;
                int length = EscapeLength(j, ref sawBreak);
                if (length < 0)
                {
                    if (!_isFinalWindow)
                    {
                        return -1;
                    }

                    ThrowAt(i, "Found a double-quoted string that is not closed before the end of the input.");
                }

                j += length;
            }
            else if (b is (byte)'\n' or (byte)'\r')
            {
                escaped = true;
                sawBreak = true;
                j++;
            }
            else if (b == (byte)'\t')
            {
                j++;
            }
            else
            {
                ThrowAt(j, $"Found the control character U+{b:X4} inside a string; it must be written as an escape.");
            }
        }
    }

    /// <summary>Validates the escape at <paramref name="j"/> (a backslash) and returns its length, or -1 if cut off.</summary>
    private readonly int EscapeLength(int j, ref bool sawBreak)
    {
        ReadOnlySpan<byte> buffer = _buffer;
        if (j + 1 >= buffer.Length)
        {
            return -1;
        }

        byte e = buffer[j + 1];
        int digits;
        switch (e)
        {
            case (byte)'0':
            case (byte)'a':
            case (byte)'b':
            case (byte)'t':
            case (byte)'\t':
            case (byte)'n':
            case (byte)'v':
            case (byte)'f':
            case (byte)'r':
            case (byte)'e':
            case (byte)' ':
            case (byte)'"':
            case (byte)'\\':
            case (byte)'N':
            case (byte)'_':
            case (byte)'L':
            case (byte)'P':
                return 2;
            case (byte)'/':
                if (_strict)
                {
                    ThrowAt(j, "Found the escape '\\/', which KYAML's reference parser rejects; write '/' as is.");
                }

                return 2;
            case (byte)'\n':
                sawBreak = true;
                return 2;
            case (byte)'\r':
                sawBreak = true;
                if (j + 2 >= buffer.Length)
                {
                    return _isFinalWindow ? 2 : -1;
                }

                return buffer[j + 2] == (byte)'\n' ? 3 : 2;
            case (byte)'x':
                digits = 2;
                break;
            case (byte)'u':
                digits = 4;
                break;
            case (byte)'U':
                digits = 8;
                break;
            default:
                ThrowAt(j, $"Found the unknown escape '\\{DescribeChar(e)}' in a double-quoted string.");
                return 0;
        }

        if (j + 2 + digits > buffer.Length)
        {
            if (!_isFinalWindow)
            {
                return -1;
            }

            ThrowAt(j, $"Found an incomplete escape '\\{(char)e}': it needs {digits} hexadecimal digits.");
        }

        uint value = 0;
        for (int d = 0; d < digits; d++)
        {
            int hex = HexValue(buffer[j + 2 + d]);
            if (hex < 0)
            {
                ThrowAt(j, $"Found an invalid escape '\\{(char)e}': it needs {digits} hexadecimal digits.");
            }

            value = (value << 4) | (uint)hex;
        }

        if (e != (byte)'x' && !Rune.IsValid(value))
        {
            ThrowAt(j, $"Found the escape '\\{(char)e}' for U+{value:X4}, which is not a Unicode scalar value "
                + "(surrogate halves and values above U+10FFFF cannot be escaped).");
        }

        return 2 + digits;
    }

    private readonly int ScanSingleQuoted(int i, out bool escaped, out bool sawBreak)
    {
        ReadOnlySpan<byte> buffer = _buffer;
        escaped = false;
        sawBreak = false;
        int j = i + 1;
        while (true)
        {
            int k = j < buffer.Length ? buffer[j..].IndexOfAny(s_singleQuotedStops) : -1;
            if (k < 0)
            {
                if (!_isFinalWindow)
                {
                    CheckTokenSize(i, buffer.Length - i);
                    return -1;
                }

                ThrowAt(i, "Found a single-quoted string that is not closed before the end of the input.");
            }

            j += k;
            byte b = buffer[j];
            if (b == (byte)'\'')
            {
                if (j + 1 >= buffer.Length && !_isFinalWindow)
                {
                    return -1;
                }

                if (j + 1 < buffer.Length && buffer[j + 1] == (byte)'\'')
                {
                    escaped = true;
                    j += 2;
                    continue;
                }

                ValidateUtf8(i + 1, j);
                return j + 1;
            }

            if (b is (byte)'\n' or (byte)'\r')
            {
                escaped = true;
                sawBreak = true;
                j++;
            }
            else if (b == (byte)'\t')
            {
                j++;
            }
            else
            {
                ThrowAt(j, $"Found the control character U+{b:X4} inside a string; it must be written as an escape.");
            }
        }
    }

    /// <summary>Scans a plain (unquoted) scalar in flow context.</summary>
    /// <returns>The index of the byte that ended it, or -1 when the block ends first.</returns>
    private readonly int ScanPlain(int i, bool multiLine, out int contentEnd, out bool sawBreak)
    {
        ReadOnlySpan<byte> buffer = _buffer;
        contentEnd = i;
        sawBreak = false;
        int j = i;
        while (true)
        {
            int k = j < buffer.Length ? buffer[j..].IndexOfAny(s_plainStops) : -1;
            if (k < 0)
            {
                if (!_isFinalWindow)
                {
                    CheckTokenSize(i, buffer.Length - i);
                    return -1;
                }

                contentEnd = buffer.Length;
                j = buffer.Length;
                break;
            }

            if (k > 0 || j == i)
            {
                contentEnd = j + k;
            }

            j += k;
            byte b = buffer[j];
            if (b == (byte)':')
            {
                if (j + 1 >= buffer.Length)
                {
                    if (!_isFinalWindow)
                    {
                        return -1;
                    }

                    break;
                }

                if (IsPlainTerminatorAfterColon(buffer[j + 1]))
                {
                    break;
                }

                j++;
                contentEnd = j;
                continue;
            }

            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                int w = j;
                bool lineBreak = false;
                while (w < buffer.Length && buffer[w] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
                {
                    lineBreak |= buffer[w] is (byte)'\n' or (byte)'\r';
                    if (lineBreak && !multiLine)
                    {
                        break;
                    }

                    w++;
                }

                if (lineBreak && !multiLine)
                {
                    break;
                }

                if (w >= buffer.Length)
                {
                    if (!_isFinalWindow)
                    {
                        return -1;
                    }

                    break;
                }

                byte n = buffer[w];
                if (n is (byte)'#' or (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}')
                {
                    break;
                }

                if (n == (byte)':' && w + 1 >= buffer.Length && !_isFinalWindow)
                {
                    return -1;
                }

                if (n == (byte)':' && (w + 1 >= buffer.Length || IsPlainTerminatorAfterColon(buffer[w + 1])))
                {
                    break;
                }

                if (lineBreak)
                {
                    if (n is (byte)'-' or (byte)'.' && w + 4 > buffer.Length && !_isFinalWindow)
                    {
                        return -1;
                    }

                    if (n is (byte)'-' or (byte)'.' && buffer[w - 1] is (byte)'\n' or (byte)'\r'
                        && w + 3 <= buffer.Length
                        && (buffer.Slice(w, 3).SequenceEqual("---"u8) || buffer.Slice(w, 3).SequenceEqual("..."u8)))
                    {
                        break;
                    }

                    sawBreak = true;
                }

                j = w;
                contentEnd = w;
                continue;
            }

            break;
        }

        return j;
    }

    private static bool IsPlainTerminatorAfterColon(byte b)
    {
        return b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'
            or (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}';
    }

    /// <summary>Returns '-' or '.' for a document marker at <paramref name="i"/>, 0 for none, -2 when cut off.</summary>
    private readonly int DocumentMarker(int i)
    {
        ReadOnlySpan<byte> buffer = _buffer;
        if (i + 4 > buffer.Length && !_isFinalWindow)
        {
            return -2;
        }

        if (i + 3 > buffer.Length)
        {
            return 0;
        }

        ReadOnlySpan<byte> three = buffer.Slice(i, 3);
        if (!three.SequenceEqual("---"u8) && !three.SequenceEqual("..."u8))
        {
            return 0;
        }

        if (i + 3 < buffer.Length && buffer[i + 3] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
        {
            return 0;
        }

        return buffer[i];
    }
}
