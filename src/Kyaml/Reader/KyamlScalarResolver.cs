using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Kyaml;

/// <summary>
/// Decides what an unquoted scalar is, the way go-yaml v3.0.3 (which the reference KYAML encoder parses with)
/// resolves it, and whether a key has to be quoted because it would read as another type.
/// </summary>
internal static class KyamlScalarResolver
{
    /// <summary>Resolves an unquoted value: null, bool, integer, float, merge key or string.</summary>
    public static KyamlScalarKind Resolve(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return KyamlScalarKind.Null;
        }

        KyamlScalarKind exact = ResolveExact(text);
        if (exact != KyamlScalarKind.String)
        {
            return exact;
        }

        byte first = text[0];
        if (first == (byte)'.')
        {
            // go-yaml hands anything else starting with '.' to Go's ParseFloat (".5", ".5e3").
            return IsGoFloat(text) ? KyamlScalarKind.Float : KyamlScalarKind.String;
        }

        if (!IsDigit(first) && first != (byte)'+' && first != (byte)'-')
        {
            return KyamlScalarKind.String;
        }

        if (text.Length > 256)
        {
            // No number of that length is useful; keep the work bounded.
            return KyamlScalarKind.String;
        }

        Span<byte> plain = stackalloc byte[text.Length];
        int length = 0;
        foreach (byte b in text)
        {
            if (b != (byte)'_')
            {
                plain[length++] = b;
            }
        }

        plain = plain[..length];
        if (TryParseGoInteger(plain, out _, out _))
        {
            return KyamlScalarKind.Integer;
        }

        if (IsYamlStyleFloat(plain) && IsGoFloat(plain))
        {
            return KyamlScalarKind.Float;
        }

        return KyamlScalarKind.String;
    }

    /// <summary>
    /// Gets whether a key written bare would read as something other than the same string (to YAML 1.1 or 1.2
    /// readers): the reference encoder's "type-ambiguous" test.
    /// </summary>
    public static bool IsTypeAmbiguousKey(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text.Length > 256)
        {
            return text.IsEmpty;
        }

        Span<byte> lower = stackalloc byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            lower[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }

        if (lower.SequenceEqual("null"u8) || lower.SequenceEqual("~"u8)
            || lower.SequenceEqual("true"u8) || lower.SequenceEqual("false"u8)
            || lower.SequenceEqual("y"u8) || lower.SequenceEqual("yes"u8) || lower.SequenceEqual("on"u8)
            || lower.SequenceEqual("n"u8) || lower.SequenceEqual("no"u8) || lower.SequenceEqual("off"u8)
            || lower.SequenceEqual("t"u8) || lower.SequenceEqual("f"u8)
            || lower.SequenceEqual(".inf"u8) || lower.SequenceEqual("-.inf"u8) || lower.SequenceEqual("+.inf"u8)
            || lower.SequenceEqual(".nan"u8))
        {
            return true;
        }

        Span<byte> plain = stackalloc byte[text.Length];
        int length = 0;
        foreach (byte b in text)
        {
            if (b != (byte)'_')
            {
                plain[length++] = b;
            }
        }

        plain = plain[..length];
        if (TryParseGoInteger(plain, out _, out _) || IsGoFloat(plain))
        {
            return true;
        }

        return IsDateLike(text);
    }

    /// <summary>Parses an integer as Go's <c>strconv.ParseInt(s, 0, 64)</c> or, failing that, ParseUint does.</summary>
    /// <param name="text">The text with any underscores already removed.</param>
    /// <param name="value">The value when it fits in a <see cref="long"/>.</param>
    /// <param name="unsignedValue">The value when it is positive; it may exceed <see cref="long.MaxValue"/>.</param>
    /// <returns>True when the text is an integer that fits in 64 bits (signed, or unsigned when positive).</returns>
    public static bool TryParseGoInteger(ReadOnlySpan<byte> text, out long value, out ulong unsignedValue)
    {
        value = 0;
        unsignedValue = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        bool negative = false;
        bool signed = false;
        if (text[0] is (byte)'+' or (byte)'-')
        {
            negative = text[0] == (byte)'-';
            signed = true;
            text = text[1..];
        }

        int radix = 10;
        if (text.Length >= 2 && text[0] == (byte)'0')
        {
            switch (text[1])
            {
                case (byte)'x':
                case (byte)'X':
                    radix = 16;
                    text = text[2..];
                    break;
                case (byte)'o':
                case (byte)'O':
                    radix = 8;
                    text = text[2..];
                    break;
                case (byte)'b':
                case (byte)'B':
                    radix = 2;
                    text = text[2..];
                    break;
                default:
                    // A leading zero means octal to Go (so "0777" is 511 and "08" is not an integer).
                    radix = 8;
                    text = text[1..];
                    break;
            }
        }

        if (text.IsEmpty)
        {
            return false;
        }

        ulong magnitude = 0;
        foreach (byte b in text)
        {
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            ulong next = unchecked((magnitude * (ulong)radix) + (ulong)digit);
            if (magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            magnitude = next;
        }

        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            value = unchecked(-(long)magnitude);
            return true;
        }

        unsignedValue = magnitude;
        if (magnitude <= long.MaxValue)
        {
            value = (long)magnitude;
            return true;
        }

        // ParseUint takes no sign, so "+9223372036854775808" is not an integer to go-yaml.
        return !signed;
    }

    /// <summary>Parses a float the way the resolver accepts it: decimal, <c>.inf</c>/<c>.nan</c> forms or an integer.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        KyamlScalarKind exact = ResolveExact(text);
        if (exact == KyamlScalarKind.Float)
        {
            value = text[^1] is (byte)'n' or (byte)'N'
                ? double.NaN
                : text[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        Span<byte> plain = stackalloc byte[Math.Min(text.Length, 256)];
        int length = 0;
        foreach (byte b in text)
        {
            if (b != (byte)'_')
            {
                if (length == plain.Length)
                {
                    value = 0;
                    return false;
                }

                plain[length++] = b;
            }
        }

        plain = plain[..length];
        if (TryParseGoInteger(plain, out long integer, out ulong unsignedInteger))
        {
            value = integer < 0 ? integer : unsignedInteger;
            return true;
        }

        if (!IsYamlStyleFloat(plain) && !(plain.Length > 1 && plain[0] == (byte)'.'))
        {
            value = 0;
            return false;
        }

        return TryParseDecimalFloat(plain, out value) && double.IsFinite(value);
    }

    private static KyamlScalarKind ResolveExact(ReadOnlySpan<byte> text)
    {
        switch (text.Length)
        {
            case 1:
                return text[0] == (byte)'~' ? KyamlScalarKind.Null : KyamlScalarKind.String;
            case 2:
                return text.SequenceEqual("<<"u8) ? KyamlScalarKind.Merge : KyamlScalarKind.String;
            case 4:
                if (text.SequenceEqual("true"u8) || text.SequenceEqual("True"u8) || text.SequenceEqual("TRUE"u8))
                {
                    return KyamlScalarKind.True;
                }

                if (text.SequenceEqual("null"u8) || text.SequenceEqual("Null"u8) || text.SequenceEqual("NULL"u8))
                {
                    return KyamlScalarKind.Null;
                }

                return IsDotSpecial(text) ? KyamlScalarKind.Float : KyamlScalarKind.String;
            case 5:
                if (text.SequenceEqual("false"u8) || text.SequenceEqual("False"u8) || text.SequenceEqual("FALSE"u8))
                {
                    return KyamlScalarKind.False;
                }

                return text[0] is (byte)'+' or (byte)'-'
                    && (text[1..].SequenceEqual(".inf"u8) || text[1..].SequenceEqual(".Inf"u8)
                        || text[1..].SequenceEqual(".INF"u8))
                    ? KyamlScalarKind.Float
                    : KyamlScalarKind.String;
            default:
                return KyamlScalarKind.String;
        }
    }

    private static bool IsDotSpecial(ReadOnlySpan<byte> text)
    {
        return text.SequenceEqual(".inf"u8) || text.SequenceEqual(".Inf"u8) || text.SequenceEqual(".INF"u8)
            || text.SequenceEqual(".nan"u8) || text.SequenceEqual(".NaN"u8) || text.SequenceEqual(".NAN"u8);
    }

    /// <summary>
    /// The regular expression go-yaml uses before calling ParseFloat:
    /// <c>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</c>.
    /// </summary>
    private static bool IsYamlStyleFloat(ReadOnlySpan<byte> text)
    {
        int i = 0;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            i++;
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            int digits = SkipDigits(text, ref i);
            if (digits == 0)
            {
                return false;
            }
        }
        else
        {
            int digits = SkipDigits(text, ref i);
            if (digits == 0)
            {
                return false;
            }

            if (i < text.Length && text[i] == (byte)'.')
            {
                i++;
                SkipDigits(text, ref i);
            }
        }

        if (i < text.Length && text[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (SkipDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    /// <summary>
    /// Whether Go's <c>strconv.ParseFloat(s, 64)</c> accepts the text without a range error: decimal forms,
    /// hexadecimal floats with a <c>p</c> exponent, and <c>inf</c>/<c>infinity</c>/<c>nan</c> in any case.
    /// </summary>
    private static bool IsGoFloat(ReadOnlySpan<byte> text)
    {
        ReadOnlySpan<byte> body = text;
        if (!body.IsEmpty && body[0] is (byte)'+' or (byte)'-')
        {
            body = body[1..];
        }

        if (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8)
            || Ascii.EqualsIgnoreCase(body, "nan"u8))
        {
            return true;
        }

        if (body.Length > 2 && body[0] == (byte)'0' && body[1] is (byte)'x' or (byte)'X')
        {
            return IsHexFloat(body[2..]);
        }

        if (!IsDecimalFloatSyntax(body))
        {
            return false;
        }

        return TryParseDecimalFloat(text, out double value) && !double.IsInfinity(value);
    }

    private static bool IsDecimalFloatSyntax(ReadOnlySpan<byte> body)
    {
        int i = 0;
        int mantissaDigits = SkipDigits(body, ref i);
        if (i < body.Length && body[i] == (byte)'.')
        {
            i++;
            mantissaDigits += SkipDigits(body, ref i);
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (i < body.Length && body[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < body.Length && body[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (SkipDigits(body, ref i) == 0)
            {
                return false;
            }
        }

        return i == body.Length;
    }

    private static bool IsHexFloat(ReadOnlySpan<byte> body)
    {
        int i = 0;
        int digits = 0;
        bool sawPoint = false;
        while (i < body.Length)
        {
            byte b = body[i];
            if (IsHexDigit(b))
            {
                digits++;
            }
            else if (b == (byte)'.' && !sawPoint)
            {
                sawPoint = true;
            }
            else
            {
                break;
            }

            i++;
        }

        // Go requires the 'p' exponent in a hexadecimal float.
        if (digits == 0 || i >= body.Length || body[i] is not ((byte)'p' or (byte)'P'))
        {
            return false;
        }

        i++;
        if (i < body.Length && body[i] is (byte)'+' or (byte)'-')
        {
            i++;
        }

        return SkipDigits(body, ref i) > 0 && i == body.Length;
    }

    private static bool TryParseDecimalFloat(ReadOnlySpan<byte> text, out double value)
    {
        if (Utf8Parser.TryParse(text, out value, out int consumed) && consumed == text.Length)
        {
            return true;
        }

        // Utf8Parser rejects forms such as "5." and ".5"; the general parser takes them.
        Span<char> chars = stackalloc char[Math.Min(text.Length, 256)];
        if (text.Length > chars.Length)
        {
            value = 0;
            return false;
        }

        int count = Encoding.ASCII.GetChars(text, chars);
        return double.TryParse(
            chars[..count],
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out value);
    }

    private static bool IsDateLike(ReadOnlySpan<byte> text)
    {
        // The reference treats text that Go's time.Parse reads as "2006-1-2" as a timestamp; with the characters
        // a bare key may hold, only the date-only layout can apply.
        if (text.Length < 8 || text.Length > 10 || text[4] != (byte)'-')
        {
            return false;
        }

        for (int k = 0; k < 4; k++)
        {
            if (!IsDigit(text[k]))
            {
                return false;
            }
        }

        int i = 5;
        int month = ReadSmallNumber(text, ref i);
        if (month is < 1 or > 12 || i >= text.Length || text[i] != (byte)'-')
        {
            return false;
        }

        i++;
        int day = ReadSmallNumber(text, ref i);
        if (i != text.Length || day < 1)
        {
            return false;
        }

        int year = ((text[0] - '0') * 1000) + ((text[1] - '0') * 100) + ((text[2] - '0') * 10) + (text[3] - '0');
        return day <= DateTime.DaysInMonth(Math.Max(1, year), month);
    }

    private static int ReadSmallNumber(ReadOnlySpan<byte> text, ref int i)
    {
        int start = i;
        int value = 0;
        while (i < text.Length && i - start < 2 && IsDigit(text[i]))
        {
            value = (value * 10) + (text[i] - '0');
            i++;
        }

        return i == start ? -1 : value;
    }

    private static int SkipDigits(ReadOnlySpan<byte> text, ref int i)
    {
        int start = i;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool IsHexDigit(byte b) =>
        b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
