using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Kyaml;

/// <summary>The checks that tell KYAML from other YAML.</summary>
public ref partial struct Utf8KyamlReader
{
    /// <summary>Rejects the YAML indicators that start something other than a flow scalar.</summary>
    private readonly void RejectIndicator(int i, int c, bool isKey)
    {
        switch (c)
        {
            case '&':
                ThrowAt(i, "Found an anchor ('&'); anchors are not KYAML and are not supported.");
                break;
            case '*':
                ThrowAt(i, "Found an alias ('*'); aliases are not KYAML and are not supported.");
                break;
            case '!':
                ThrowAt(i, "Found a tag ('!'); tags are not KYAML and are not supported.");
                break;
            case '|':
            case '>':
                ThrowAt(i, $"Found a block scalar ('{(char)c}'), which is not KYAML; write the string in double quotes.");
                break;
            case '%':
            case '@':
            case '`':
                ThrowAt(i, $"Found '{(char)c}', which cannot start a YAML scalar; write the string in double quotes.");
                break;
            case '}':
            case ']':
            case ',':
                ThrowAt(i, $"Expected a {(isKey ? "key" : "value")}, found '{(char)c}'.");
                break;
            case '-':
            case '?':
            case ':':
                if (IsSeparatedIndicator(i))
                {
                    string what = c switch
                    {
                        '-' => "a block sequence entry ('- '), which is not KYAML; write the list in flow style, '[a, b]'",
                        '?' => "an explicit key ('? '), which is not KYAML",
                        _ => isKey ? "an empty key before ':'" : "':' where a value was expected",
                    };
                    ThrowAt(i, $"Found {what}.");
                }

                break;
        }
    }

    private readonly bool IsSeparatedIndicator(int i)
    {
        int next = i + 1 < _buffer.Length ? _buffer[i + 1] : -1;
        return next is -1 or ' ' or '\t' or '\n' or '\r' or ',' or '[' or ']' or '{' or '}';
    }

    private readonly void ValidateBareKey(int start, int end)
    {
        ReadOnlySpan<byte> key = _buffer[start..end];
        int index = 0;
        while (index < key.Length)
        {
            byte b = key[index];
            int length = 1;
            bool ok;
            if (b < 0x80)
            {
                ok = b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z'
                    or >= (byte)'0' and <= (byte)'9' or (byte)'_'
                    || (b is (byte)'-' or (byte)'.' or (byte)'/' && index > 0 && index < key.Length - 1);
            }
            else
            {
                ok = Rune.DecodeFromUtf8(key[index..], out Rune rune, out length) == OperationStatus.Done
                    && Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.UppercaseLetter
                        or System.Globalization.UnicodeCategory.LowercaseLetter
                        or System.Globalization.UnicodeCategory.TitlecaseLetter
                        or System.Globalization.UnicodeCategory.ModifierLetter
                        or System.Globalization.UnicodeCategory.OtherLetter
                        or System.Globalization.UnicodeCategory.DecimalDigitNumber
                        or System.Globalization.UnicodeCategory.LetterNumber
                        or System.Globalization.UnicodeCategory.OtherNumber;
            }

            if (!ok)
            {
                ThrowAt(start + index, $"The key {Quote(key)} must be double-quoted: KYAML writes a key bare only when "
                    + "it holds letters, digits and '_' (and '-', '.' or '/' between them).");
            }

            index += length;
        }

        if (KyamlScalarResolver.IsTypeAmbiguousKey(key))
        {
            ThrowAt(start, $"The key {Quote(key)} must be double-quoted: written bare, YAML parsers may read it as a "
                + "boolean, number, null or timestamp.");
        }
    }
}
