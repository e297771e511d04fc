using System.Globalization;

namespace Kyaml.Internal;

/// <summary>
/// The number grammars of Go's <c>strconv</c> package (ParseInt and ParseUint with base 0, ParseFloat), which the
/// reference encoder and its YAML parser use to decide whether text reads as a number.
/// </summary>
internal static class GoNumberSyntax
{
    /// <summary>Outcome of a parse: accepted, rejected by the grammar, or accepted but out of range.</summary>
    internal enum Result
    {
        Ok,
        Syntax,
        Range,
    }

    /// <summary>Go <c>strconv.ParseUint(s, 0, 64)</c>: no sign; 0b, 0o, 0x prefixes; a leading 0 means octal.</summary>
    public static Result ParseUint(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return Result.Syntax;
        }

        int radix = 10;
        if (s[0] == '0')
        {
            if (s.Length >= 3 && (s[1] | 0x20) == 'b')
            {
                radix = 2;
                s = s[2..];
            }
            else if (s.Length >= 3 && (s[1] | 0x20) == 'o')
            {
                radix = 8;
                s = s[2..];
            }
            else if (s.Length >= 3 && (s[1] | 0x20) == 'x')
            {
                radix = 16;
                s = s[2..];
            }
            else
            {
                radix = 8;
                s = s[1..];
            }
        }

        ulong value = 0;
        bool overflow = false;
        foreach (byte c in s)
        {
            int digit;
            if (c >= '0' && c <= '9')
            {
                digit = c - '0';
            }
            else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            {
                digit = (c | 0x20) - 'a' + 10;
            }
            else
            {
                return Result.Syntax;
            }

            if (digit >= radix)
            {
                return Result.Syntax;
            }

            if (!overflow)
            {
                UInt128 next = ((UInt128)value * (uint)radix) + (uint)digit;
                if (next > ulong.MaxValue)
                {
                    overflow = true;
                }
                else
                {
                    value = (ulong)next;
                }
            }
        }

        return overflow ? Result.Range : Result.Ok;
    }

    /// <summary>Go <c>strconv.ParseInt(s, 0, 64)</c>.</summary>
    public static Result ParseInt(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return Result.Syntax;
        }

        bool negative = false;
        if (s[0] == '+' || s[0] == '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.IsEmpty)
        {
            return Result.Syntax;
        }

        Result r = ParseUintValue(s, out ulong value);
        if (r != Result.Ok)
        {
            return r;
        }

        ulong cutoff = 1UL << 63;
        if ((!negative && value >= cutoff) || (negative && value > cutoff))
        {
            return Result.Range;
        }

        return Result.Ok;
    }

    private static Result ParseUintValue(ReadOnlySpan<byte> s, out ulong value)
    {
        value = 0;
        Result r = ParseUint(s);
        if (r != Result.Ok)
        {
            return r;
        }

        int radix = 10;
        if (s[0] == '0')
        {
            radix = s.Length >= 3 && (s[1] | 0x20) == 'b' ? 2
                : s.Length >= 3 && (s[1] | 0x20) == 'o' ? 8
                : s.Length >= 3 && (s[1] | 0x20) == 'x' ? 16
                : 8;
            s = radix == 8 && (s.Length < 3 || (s[1] | 0x20) != 'o') ? s[1..] : s[2..];
        }

        foreach (byte c in s)
        {
            int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
            value = (value * (uint)radix) + (uint)digit;
        }

        return Result.Ok;
    }

    /// <summary>Go <c>strconv.ParseFloat(s, 64)</c>: decimal, hexadecimal (with p exponent), inf, infinity, nan.</summary>
    public static Result ParseFloat(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return Result.Syntax;
        }

        if (IsSpecial(s))
        {
            return Result.Ok;
        }

        int i = 0;
        if (s[0] == '+' || s[0] == '-')
        {
            i++;
        }

        bool hex = i + 2 < s.Length && s[i] == '0' && (s[i + 1] | 0x20) == 'x';
        if (hex)
        {
            return ParseHexFloat(s, i + 2);
        }

        bool sawDigits = false;
        bool sawDot = false;
        for (; i < s.Length; i++)
        {
            byte c = s[i];
            if (c >= '0' && c <= '9')
            {
                sawDigits = true;
            }
            else if (c == '.' && !sawDot)
            {
                sawDot = true;
            }
            else
            {
                break;
            }
        }

        if (!sawDigits)
        {
            return Result.Syntax;
        }

        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            if (i >= s.Length || s[i] < '0' || s[i] > '9')
            {
                return Result.Syntax;
            }

            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                i++;
            }
        }

        if (i != s.Length)
        {
            return Result.Syntax;
        }

        double d = double.Parse(
            s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture);
        return double.IsInfinity(d) ? Result.Range : Result.Ok;
    }

    private static Result ParseHexFloat(ReadOnlySpan<byte> s, int i)
    {
        bool sawDigits = false;
        bool sawDot = false;
        double mantissa = 0;
        int exponentAdjust = 0;
        for (; i < s.Length; i++)
        {
            byte c = s[i];
            int digit = c >= '0' && c <= '9' ? c - '0'
                : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                : -1;
            if (digit >= 0)
            {
                sawDigits = true;
                mantissa = (mantissa * 16) + digit;
                if (sawDot)
                {
                    exponentAdjust -= 4;
                }
            }
            else if (c == '.' && !sawDot)
            {
                sawDot = true;
            }
            else
            {
                break;
            }
        }

        if (!sawDigits || i >= s.Length || (s[i] | 0x20) != 'p')
        {
            return Result.Syntax;
        }

        i++;
        bool negativeExponent = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negativeExponent = s[i] == '-';
            i++;
        }

        if (i >= s.Length || s[i] < '0' || s[i] > '9')
        {
            return Result.Syntax;
        }

        long exponent = 0;
        while (i < s.Length && s[i] >= '0' && s[i] <= '9')
        {
            exponent = Math.Min((exponent * 10) + (s[i] - '0'), 100_000);
            i++;
        }

        if (i != s.Length)
        {
            return Result.Syntax;
        }

        long e = (negativeExponent ? -exponent : exponent) + exponentAdjust;
        double value = Math.ScaleB(mantissa, (int)Math.Clamp(e, -100_000, 100_000));
        return double.IsInfinity(value) ? Result.Range : Result.Ok;
    }

    private static bool IsSpecial(ReadOnlySpan<byte> s)
    {
        ReadOnlySpan<byte> rest = s;
        bool signed = false;
        if (rest[0] == '+' || rest[0] == '-')
        {
            rest = rest[1..];
            signed = true;
        }

        if (EqualsIgnoreAsciiCase(rest, "inf"u8) || EqualsIgnoreAsciiCase(rest, "infinity"u8))
        {
            return true;
        }

        return !signed && EqualsIgnoreAsciiCase(rest, "nan"u8);
    }

    /// <summary>Compares ASCII text case-insensitively against a lower-case ASCII literal.</summary>
    public static bool EqualsIgnoreAsciiCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lowerLiteral)
    {
        if (s.Length != lowerLiteral.Length)
        {
            return false;
        }

        for (int i = 0; i < s.Length; i++)
        {
            byte c = s[i];
            if (c >= 'A' && c <= 'Z')
            {
                c = (byte)(c | 0x20);
            }

            if (c != lowerLiteral[i])
            {
                return false;
            }
        }

        return true;
    }
}
