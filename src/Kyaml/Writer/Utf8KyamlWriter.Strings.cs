using System.Buffers;
using System.Text;
using Kyaml.Internal;

namespace Kyaml;

// Keys and double-quoted strings: escapes and the multi-line continuation form.
public sealed partial class Utf8KyamlWriter
{
    // Bytes copied unchanged inside double quotes: printable ASCII except the quote and the backslash.
    private static readonly SearchValues<byte> s_plainAscii = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    private void WriteQuoted(ReadOnlySpan<byte> value, int level, bool foldLines)
    {
        WriteQuoted(value, level, foldLines, literalTab: !_options.Compact);
    }

    // level: the indent level of continuation lines (two spaces each).
    private void WriteQuoted(ReadOnlySpan<byte> value, int level, bool foldLines, bool literalTab)
    {
        bool multiLine = foldLines && value.Contains((byte)'\n');
        WriteByte((byte)'"');
        bool atLineStart = false;
        if (multiLine)
        {
            WriteAscii("\\\n"u8);
            atLineStart = true;
        }

        while (!value.IsEmpty)
        {
            if (!atLineStart)
            {
                int run = value.IndexOfAnyExcept(s_plainAscii);
                if (run < 0)
                {
                    run = value.Length;
                }

                if (run > 0)
                {
                    WriteBytes(value[..run]);
                    value = value[run..];
                    continue;
                }
            }

            int consumed = WriteSpecial(value, level, multiLine, literalTab, ref atLineStart);
            value = value[consumed..];
        }

        if (multiLine)
        {
            if (!atLineStart)
            {
                WriteAscii("\\\n"u8);
            }

            WriteIndent(level);
        }

        WriteByte((byte)'"');
    }

    private int WriteSpecial(ReadOnlySpan<byte> value, int level, bool multiLine, bool literalTab, ref bool atLineStart)
    {
        OperationStatus status = Rune.DecodeFromUtf8(value, out Rune rune, out int consumed);
        bool invalid = status != OperationStatus.Done;
        if (invalid)
        {
            consumed = 1;
        }

        bool printable = !invalid && (ScalarRules.IsPrintable(rune) || (literalTab && rune.Value == '\t'));
        if (atLineStart)
        {
            WriteIndent(level);

            // A backslash keeps leading white space that YAML would strip. An escaped character needs no such
            // protection (and a backslash before its escape would turn it into a literal backslash), unless the
            // reference encoder's output is being reproduced.
            bool space = !invalid && Rune.IsWhiteSpace(rune) && rune.Value != '\n';
            bool protect = space && (printable || _options.ReferenceCompatible);
            WriteByte(protect ? (byte)'\\' : (byte)' ');
            atLineStart = false;
        }

        if (invalid)
        {
            WriteHexEscape((byte)'x', value[0], 2);
            return consumed;
        }

        int r = rune.Value;
        if (r == '"' || r == '\\')
        {
            Span<byte> pair = GetSpan(2);
            pair[0] = (byte)'\\';
            pair[1] = (byte)r;
            _buffered += 2;
            return consumed;
        }

        if (printable)
        {
            WriteBytes(value[..consumed]);
            return consumed;
        }

        switch (r)
        {
            case '\a':
                WriteAscii("\\a"u8);
                break;
            case '\b':
                WriteAscii("\\b"u8);
                break;
            case '\f':
                WriteAscii("\\f"u8);
                break;
            case '\n':
                if (multiLine)
                {
                    WriteAscii("\\n\\\n"u8);
                    atLineStart = true;
                }
                else
                {
                    WriteAscii("\\n"u8);
                }

                break;
            case '\r':
                WriteAscii("\\r"u8);
                break;
            case '\t':
                WriteAscii("\\t"u8);
                break;
            case '\v':
                WriteAscii("\\v"u8);
                break;
            case 0:
                WriteAscii("\\0"u8);
                break;
            case 0x1b:
                WriteAscii("\\e"u8);
                break;
            case 0x85:
                WriteAscii("\\N"u8);
                break;
            case 0xa0:
                WriteAscii("\\_"u8);
                break;
            case 0x2028:
                WriteAscii("\\L"u8);
                break;
            case 0x2029:
                WriteAscii("\\P"u8);
                break;
            default:
                if (r < 0x20 || r == 0x7f)
                {
                    WriteHexEscape((byte)'x', r, 2);
                }
                else if (r < 0x10000)
                {
                    WriteHexEscape((byte)'u', r, 4);
                }
                else
                {
                    WriteHexEscape((byte)'U', r, 8);
                }

                break;
        }

        return consumed;
    }

    private void WriteHexEscape(byte letter, int value, int digits)
    {
        Span<byte> span = GetSpan(2 + digits);
        span[0] = (byte)'\\';
        span[1] = letter;
        for (int i = 0; i < digits; i++)
        {
            span[1 + digits - i] = HexDigits[(value >> (4 * i)) & 0xF];
        }

        _buffered += 2 + digits;
    }
}
