using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Kyaml;

/// <summary>Positions (line, column, byte offset) and error reporting.</summary>
public ref partial struct Utf8KyamlReader
{
    /// <summary>
    /// Checks scalar text: valid UTF-8, and only characters YAML allows in a stream (c-printable: no C0 control
    /// other than tab and line breaks, no DEL, no C1 control other than U+0085, no U+FFFE or U+FFFF).
    /// </summary>
    private readonly void ValidateUtf8(int from, int to)
    {
        ReadOnlySpan<byte> text = _buffer[from..to];
        if (!System.Text.Unicode.Utf8.IsValid(text))
        {
            int index = 0;
            while (Rune.DecodeFromUtf8(text[index..], out _, out int length) == OperationStatus.Done)
            {
                index += length;
            }

            ThrowAt(from + index, $"Found invalid UTF-8 (byte 0x{text[index]:X2}) inside a string.");
        }

        int bad = IndexOfNonPrintable(text);
        if (bad >= 0)
        {
            Rune.DecodeFromUtf8(text[bad..], out Rune rune, out _);
            ThrowAt(from + bad, $"Found the control character U+{rune.Value:X4} inside a string; it must be written as "
                + "an escape.");
        }
    }

    /// <summary>Finds the first character of valid UTF-8 text that is not c-printable, or -1.</summary>
    private static int IndexOfNonPrintable(ReadOnlySpan<byte> text)
    {
        int offset = 0;
        while (true)
        {
            int k = text[offset..].IndexOfAny(s_nonPrintableLeads);
            if (k < 0)
            {
                return -1;
            }

            int p = offset + k;
            byte b = text[p];
            if (b < 0x80)
            {
                return p;
            }

            // Valid UTF-8, so the continuation bytes are there: C2 80..9F is U+0080..U+009F, EF BF BE/BF is U+FFFE/F.
            if (b == 0xC2 ? text[p + 1] <= 0x9F && text[p + 1] != 0x85 : text[p + 1] == 0xBF && text[p + 2] >= 0xBE)
            {
                return p;
            }

            offset = p + 1;
        }
    }

    [DoesNotReturn]
    private readonly void ThrowUnclosed(int i)
    {
        ThrowAt(i, _stack.PeekIsMapping()
            ? "Expected '}' to close the mapping, but the input ended."
            : "Expected ']' to close the sequence, but the input ended.");
    }

    /// <summary>Throws a <see cref="KyamlException"/> that points at the start of the current (one-line) token.</summary>
    [DoesNotReturn]
    internal readonly void ThrowAtToken(string message)
    {
        (long line, long column) = GetLineAndColumn(_tokenStartAbsolute);
        ThrowHelper.ThrowInput(message, line, column, _tokenStartAbsolute);
    }

    /// <summary>Throws a <see cref="KyamlException"/> for the byte at <paramref name="index"/> of the current window.</summary>
    [DoesNotReturn]
    private readonly void ThrowAt(int index, string message)
    {
        long position = _bufferStart + index;
        (long line, long column) = GetLineAndColumn(position);
        ThrowHelper.ThrowInput(message, line, column, position);
    }

    /// <summary>Gets the line and column of a position at or after the start of the current line.</summary>
    private readonly (long Line, long Column) GetLineAndColumn(long position)
    {
        // Line breaks inside the token being scanned have not been counted yet; count them here.
        long line = _lineNumber;
        long lineStart = _lineStart;
        ReadOnlySpan<byte> buffer = _buffer;
        int from = (int)Math.Max(0, lineStart - _bufferStart);
        int to = (int)Math.Min(buffer.Length, position - _bufferStart);
        for (int j = from; j < to; j++)
        {
            byte b = buffer[j];
            if (b == (byte)'\n' || (b == (byte)'\r' && (j + 1 >= buffer.Length || buffer[j + 1] != (byte)'\n')))
            {
                line++;
                lineStart = _bufferStart + j + 1;
            }
        }

        long column = lineStart < _inputStart
            ? _lineCharCarry + CountChars(_inputStart, position)
            : CountChars(lineStart, position);
        return (line, column + 1);
    }

    /// <summary>Counts the Unicode scalar values between two absolute positions of this reader's input.</summary>
    private readonly long CountChars(long from, long to)
    {
        if (to <= from)
        {
            return 0;
        }

        if (!_isMultiSegment)
        {
            return CountChars(_buffer.Slice((int)(from - _bufferStart), (int)(to - from)));
        }

        long count = 0;
        foreach (ReadOnlyMemory<byte> segment in _sequence.Slice(from - _inputStart, to - from))
        {
            count += CountChars(segment.Span);
        }

        return count;
    }

    private static int CountChars(ReadOnlySpan<byte> text)
    {
        int continuation = 0;
        foreach (byte b in text)
        {
            if ((b & 0xC0) == 0x80)
            {
                continuation++;
            }
        }

        return text.Length - continuation;
    }

    private readonly string Describe(int i)
    {
        if (i >= _buffer.Length)
        {
            return "the end of the input";
        }

        byte b = _buffer[i];
        if (b == (byte)'\n' || b == (byte)'\r')
        {
            return "the end of the line";
        }

        return $"'{DescribeChar(b)}'";
    }

    private static string DescribeChar(byte b)
    {
        return b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}";
    }

    private static string Quote(ReadOnlySpan<byte> text)
    {
        const int Max = 40;
        string shown = Encoding.UTF8.GetString(text.Length > Max ? text[..Max] : text);

        // The text comes from untrusted input and ends up on terminals and in logs: control characters
        // (an ESC starting a terminal sequence, NUL, C1 controls) and invisible format characters (bidi
        // overrides) are shown as escapes, never raw.
        var builder = new StringBuilder(shown.Length);
        foreach (char c in shown)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                builder.Append(c < 0x100 ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return text.Length > Max ? $"'{builder}…'" : $"'{builder}'";
    }

    private static int HexValue(byte b)
    {
        return b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };
    }
}
