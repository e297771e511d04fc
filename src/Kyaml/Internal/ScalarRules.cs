using System.Buffers;
using System.Globalization;
using System.Text;

namespace Kyaml.Internal;

/// <summary>The YAML type a plain (unquoted, untagged) scalar resolves to under go-yaml v3's rules.</summary>
internal enum PlainScalarKind
{
    String,
    Int,
    Float,
    Bool,
    Null,
    Timestamp,
    Merge,
}

/// <summary>
/// Decisions about scalar text that the reference encoder makes: whether a key must be quoted (type ambiguity,
/// character rules) and what type go-yaml v3 gives a plain scalar.
/// </summary>
internal static class ScalarRules
{
    private static readonly SearchValues<byte> s_bareKeyAscii = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./"u8);

    // First bytes of null/bool words (any case), numbers, signs, '.', '_' (stripped before number parsing), '~',
    // inf/infinity/nan, dates and sexagesimals; non-ASCII first bytes are kept for case folding (for example 'İ').
    private static readonly SearchValues<byte> s_ambiguousStart = SearchValues.Create(
        "0123456789+-._~nNtTfFyYoOiI"u8.ToArray().Concat(Enumerable.Range(0x80, 0x80).Select(b => (byte)b)).ToArray());

    /// <summary>Whether a key must be written in double quotes.</summary>
    public static bool KeyNeedsQuotes(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return true;
        }

        byte first = s[0];
        byte last = s[^1];
        if (first == '-' || first == '.' || first == '/' || last == '-' || last == '.' || last == '/')
        {
            return true;
        }

        int stop = s.IndexOfAnyExcept(s_bareKeyAscii);
        if (stop >= 0 && !NonAsciiKeyIsBare(s, stop))
        {
            return true;
        }

        return IsTypeAmbiguous(s);
    }

    private static bool NonAsciiKeyIsBare(ReadOnlySpan<byte> s, int index)
    {
        while (index < s.Length)
        {
            byte b = s[index];
            if (b < 0x80)
            {
                if (!s_bareKeyAscii.Contains(b))
                {
                    return false;
                }

                index++;
                continue;
            }

            if (Rune.DecodeFromUtf8(s[index..], out Rune rune, out int consumed) != OperationStatus.Done)
            {
                return false;
            }

            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            bool letterOrNumber = category <= UnicodeCategory.OtherLetter
                || (category >= UnicodeCategory.DecimalDigitNumber && category <= UnicodeCategory.OtherNumber);
            if (!letterOrNumber)
            {
                return false;
            }

            index += consumed;
        }

        return true;
    }

    /// <summary>
    /// Whether the reference encoder considers the text "type-ambiguous": null-like, bool-like (Go's ParseBool and
    /// YAML 1.1 words), number-like after removing underscores, sexagesimal, <c>.inf</c>/<c>.nan</c>, or a date.
    /// </summary>
    public static bool IsTypeAmbiguous(ReadOnlySpan<byte> s)
    {
        // Every ambiguous text starts with one of these (after underscores, for numbers).
        if (!s.IsEmpty && !s_ambiguousStart.Contains(s[0]))
        {
            return false;
        }

        if (s.Length <= 5 && IsAscii(s))
        {
            if (IsAmbiguousAsciiWord(s))
            {
                return true;
            }
        }
        else if (s.Length <= 5)
        {
            Span<byte> lower = stackalloc byte[5];
            if (TryLower(s, lower, out int length)
                && (IsAmbiguousWord(lower[..length]) || (length == 1 && lower[0] is (byte)'t' or (byte)'f')))
            {
                // Go's ParseBool words are covered: "1"/"0" read as numbers below, and every case variant of
                // true/false is a YAML 1.1 word; only the single letters t, T, f, F are added here.
                return true;
            }
        }

        // Numbers, sexagesimals, infinities, NaN and dates all start (after underscores) with a digit, a sign, a
        // period or one of the letters of "inf" and "nan"; most keys can skip the parsing below.
        int firstSignificant = s.IndexOfAnyExcept((byte)'_');
        if (firstSignificant < 0)
        {
            return false;
        }

        byte c = s[firstSignificant];
        if (!((c >= '0' && c <= '9') || c is (byte)'+' or (byte)'-' or (byte)'.' or (byte)'i' or (byte)'I'
            or (byte)'n' or (byte)'N'))
        {
            return false;
        }

        if (c >= 'A')
        {
            // A letter: the only number-like texts are inf, infinity and nan (Go's ParseFloat), in any case and
            // with underscores anywhere; sexagesimals and dates start with a digit or a sign.
            return IsInfOrNanWord(s);
        }

        if (IsNumberLike(s))
        {
            return true;
        }

        if (IsSexagesimal(s))
        {
            return true;
        }

        return GoTimestamp.IsTimestamp(s);
    }

    private static bool IsInfOrNanWord(ReadOnlySpan<byte> s)
    {
        if (s.Length != 3 && s.Length != 8 && !s.Contains((byte)'_'))
        {
            return false;
        }

        Span<byte> word = stackalloc byte[8];
        int n = 0;
        foreach (byte b in s)
        {
            if (b == '_')
            {
                continue;
            }

            if (n == word.Length)
            {
                return false;
            }

            word[n++] = b >= 'A' && b <= 'Z' ? (byte)(b | 0x20) : b;
        }

        ReadOnlySpan<byte> w = word[..n];
        return w.SequenceEqual("inf"u8) || w.SequenceEqual("infinity"u8) || w.SequenceEqual("nan"u8);
    }

    private static bool IsNumberLike(ReadOnlySpan<byte> s)
    {
        byte[]? rented = null;
        Span<byte> buffer = s.Length <= 128 ? stackalloc byte[128] : (rented = ArrayPool<byte>.Shared.Rent(s.Length));
        try
        {
            int n = 0;
            foreach (byte b in s)
            {
                if (b != '_')
                {
                    buffer[n++] = b;
                }
            }

            ReadOnlySpan<byte> plain = buffer[..n];
            return GoNumberSyntax.ParseInt(plain) == GoNumberSyntax.Result.Ok
                || GoNumberSyntax.ParseFloat(plain) == GoNumberSyntax.Result.Ok;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // Text lower-cased the way Go's strings.ToLower does for the few words that matter; false for text that
    // cannot lower-case to any of them.
    private static bool TryLower(ReadOnlySpan<byte> s, Span<byte> destination, out int length)
    {
        length = 0;
        for (int i = 0; i < s.Length; i++)
        {
            byte b = s[i];
            if (b >= 0x80)
            {
                return TryLowerNonAscii(s, destination, out length);
            }

            destination[length++] = b >= 'A' && b <= 'Z' ? (byte)(b | 0x20) : b;
        }

        return true;
    }

    private static bool TryLowerNonAscii(ReadOnlySpan<byte> s, Span<byte> destination, out int length)
    {
        length = 0;
        while (!s.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(s, out Rune rune, out int consumed) != OperationStatus.Done)
            {
                return false;
            }

            Rune lowered = Rune.ToLowerInvariant(rune);
            if (!lowered.IsAscii || length >= destination.Length)
            {
                return false;
            }

            destination[length++] = (byte)lowered.Value;
            s = s[consumed..];
        }

        return true;
    }

    private static bool IsAscii(ReadOnlySpan<byte> s) => System.Text.Ascii.IsValid(s);

    // The null and boolean words of both YAML versions, Go's single-letter booleans and .inf/.nan, any case.
    private static bool IsAmbiguousAsciiWord(ReadOnlySpan<byte> s)
    {
        return s.Length switch
        {
            1 => s[0] is (byte)'~' or (byte)'y' or (byte)'Y' or (byte)'n' or (byte)'N' or (byte)'t' or (byte)'T'
                or (byte)'f' or (byte)'F',
            2 => GoNumberSyntax.EqualsIgnoreAsciiCase(s, "on"u8) || GoNumberSyntax.EqualsIgnoreAsciiCase(s, "no"u8),
            3 => GoNumberSyntax.EqualsIgnoreAsciiCase(s, "yes"u8) || GoNumberSyntax.EqualsIgnoreAsciiCase(s, "off"u8),
            4 => GoNumberSyntax.EqualsIgnoreAsciiCase(s, "null"u8) || GoNumberSyntax.EqualsIgnoreAsciiCase(s, "true"u8)
                || GoNumberSyntax.EqualsIgnoreAsciiCase(s, ".inf"u8) || GoNumberSyntax.EqualsIgnoreAsciiCase(s, ".nan"u8),
            5 => GoNumberSyntax.EqualsIgnoreAsciiCase(s, "false"u8)
                || GoNumberSyntax.EqualsIgnoreAsciiCase(s, "-.inf"u8)
                || GoNumberSyntax.EqualsIgnoreAsciiCase(s, "+.inf"u8),
            _ => s.IsEmpty,
        };
    }

    private static bool IsAmbiguousWord(ReadOnlySpan<byte> lower)
    {
        return lower.Length switch
        {
            0 => true,
            1 => lower[0] is (byte)'~' or (byte)'y' or (byte)'n',
            2 => lower.SequenceEqual("on"u8) || lower.SequenceEqual("no"u8),
            3 => lower.SequenceEqual("yes"u8) || lower.SequenceEqual("off"u8),
            4 => lower.SequenceEqual("null"u8) || lower.SequenceEqual("true"u8) || lower.SequenceEqual(".inf"u8)
                || lower.SequenceEqual(".nan"u8),
            5 => lower.SequenceEqual("false"u8) || lower.SequenceEqual("-.inf"u8) || lower.SequenceEqual("+.inf"u8),
            _ => false,
        };
    }

    // ^[+-]?[1-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$
    private static bool IsSexagesimal(ReadOnlySpan<byte> s)
    {
        int i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        if (i >= s.Length || s[i] < '1' || s[i] > '9')
        {
            return false;
        }

        i++;
        while (i < s.Length && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
        {
            i++;
        }

        int groups = 0;
        while (i < s.Length && s[i] == ':')
        {
            i++;
            int digits = 0;
            int start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9' && digits < 2)
            {
                i++;
                digits++;
            }

            // One digit, or two digits whose first is 0-5.
            if (digits == 0 || (digits == 2 && s[start] > '5'))
            {
                return false;
            }

            groups++;
        }

        if (groups == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            {
                i++;
            }
        }

        return i == s.Length;
    }

    /// <summary>Resolves an unquoted, untagged scalar the way go-yaml v3 (v3.0.3) does.</summary>
    public static PlainScalarKind ResolvePlain(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return PlainScalarKind.Null;
        }

        switch (s[0])
        {
            case (byte)'t' or (byte)'T' or (byte)'f' or (byte)'F':
                if (s.SequenceEqual("true"u8) || s.SequenceEqual("True"u8) || s.SequenceEqual("TRUE"u8)
                    || s.SequenceEqual("false"u8) || s.SequenceEqual("False"u8) || s.SequenceEqual("FALSE"u8))
                {
                    return PlainScalarKind.Bool;
                }

                return PlainScalarKind.String;
            case (byte)'n' or (byte)'N' or (byte)'~':
                return s.SequenceEqual("~"u8) || s.SequenceEqual("null"u8) || s.SequenceEqual("Null"u8)
                    || s.SequenceEqual("NULL"u8) ? PlainScalarKind.Null : PlainScalarKind.String;
            case (byte)'<':
                return s.SequenceEqual("<<"u8) ? PlainScalarKind.Merge : PlainScalarKind.String;
            case (byte)'.':
                if (IsDotSpecial(s))
                {
                    return PlainScalarKind.Float;
                }

                return GoNumberSyntax.ParseFloat(s) == GoNumberSyntax.Result.Ok
                    ? PlainScalarKind.Float : PlainScalarKind.String;
            case (byte)'+' or (byte)'-':
                if (s.Length > 1 && s[1] == '.' && IsDotSpecial(s[1..]) && s[2] is (byte)'i' or (byte)'I')
                {
                    return PlainScalarKind.Float;
                }

                return ResolveNumeric(s, untagged: true);
            case >= (byte)'0' and <= (byte)'9':
                return ResolveNumeric(s, untagged: true);
            default:
                return PlainScalarKind.String;
        }
    }

    private static bool IsDotSpecial(ReadOnlySpan<byte> s)
    {
        return s.SequenceEqual(".nan"u8) || s.SequenceEqual(".NaN"u8) || s.SequenceEqual(".NAN"u8)
            || s.SequenceEqual(".inf"u8) || s.SequenceEqual(".Inf"u8) || s.SequenceEqual(".INF"u8);
    }

    /// <summary>Resolution of text that starts with a digit or a sign (go-yaml v3's 'D' and 'S' hints).</summary>
    public static PlainScalarKind ResolveNumeric(ReadOnlySpan<byte> s, bool untagged)
    {
        if (untagged && GoTimestamp.IsTimestamp(s))
        {
            return PlainScalarKind.Timestamp;
        }

        byte[]? rented = null;
        Span<byte> buffer = s.Length <= 128 ? stackalloc byte[128] : (rented = ArrayPool<byte>.Shared.Rent(s.Length));
        try
        {
            int n = 0;
            foreach (byte b in s)
            {
                if (b != '_')
                {
                    buffer[n++] = b;
                }
            }

            ReadOnlySpan<byte> plain = buffer[..n];
            if (GoNumberSyntax.ParseInt(plain) == GoNumberSyntax.Result.Ok
                || GoNumberSyntax.ParseUint(plain) == GoNumberSyntax.Result.Ok)
            {
                return PlainScalarKind.Int;
            }

            if (IsYamlStyleFloat(plain) && GoNumberSyntax.ParseFloat(plain) == GoNumberSyntax.Result.Ok)
            {
                return PlainScalarKind.Float;
            }

            // 0b/0o prefixes after a sign (ParseInt base 0 handles the unsigned forms).
            if (plain.StartsWith("-0b"u8) || plain.StartsWith("-0o"u8))
            {
                return IsDigits(plain[3..], plain[2] == 'b' ? 2 : 8) ? PlainScalarKind.Int : PlainScalarKind.String;
            }

            return PlainScalarKind.String;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool IsDigits(ReadOnlySpan<byte> s, int radix)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (byte b in s)
        {
            if (b < '0' || b >= '0' + radix)
            {
                return false;
            }
        }

        return true;
    }

    // ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
    private static bool IsYamlStyleFloat(ReadOnlySpan<byte> s)
    {
        int i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            int start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }
        else
        {
            int start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }

            if (i < s.Length && s[i] == '.')
            {
                i++;
                while (i < s.Length && s[i] >= '0' && s[i] <= '9')
                {
                    i++;
                }
            }
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            int start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    /// <summary>Go's <c>unicode.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrintable(Rune rune)
    {
        if (rune.Value < 0x80)
        {
            return rune.Value >= 0x20 && rune.Value < 0x7F;
        }

        UnicodeCategory c = Rune.GetUnicodeCategory(rune);
        return c <= UnicodeCategory.OtherNumber
            || (c >= UnicodeCategory.ConnectorPunctuation && c <= UnicodeCategory.OtherSymbol);
    }
}
