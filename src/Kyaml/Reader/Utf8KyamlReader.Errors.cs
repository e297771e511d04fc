using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Kyaml;

/// <summary>Positions (line, column, byte offset) and error reporting.</summary>
public ref partial struct Utf8KyamlReader
{
    private readonly void ValidateUtf8(int from, int to)
    {
        ReadOnlySpan<byte> text = _buffer[from..to];
        if (System.Text.Unicode.Utf8.IsValid(text))
        {
            return;
        }

        int index = 0;
        while (Rune.DecodeFromUtf8(text[index..], out _, out int length) == OperationStatus.Done)
        {
            index += length;
        }

        ThrowAt(from + index, $"Found invalid UTF-8 (byte 0x{text[index]:X2}) inside a string.");
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
        return text.Length > Max ? $"'{shown}…'" : $"'{shown}'";
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
