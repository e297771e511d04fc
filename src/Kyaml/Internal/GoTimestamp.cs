namespace Kyaml.Internal;

/// <summary>
/// The timestamp test shared by the reference encoder and its YAML parser: text that starts with four digits and
/// a dash and that Go's <c>time.Parse</c> accepts with one of the layouts <c>2006-1-2T15:4:5.999999999Z07:00</c>,
/// the same with a lower-case <c>t</c>, <c>2006-1-2 15:4:5.999999999</c>, or <c>2006-1-2</c>.
/// </summary>
internal static class GoTimestamp
{
    public static bool IsTimestamp(ReadOnlySpan<byte> s)
    {
        if (s.Length < 5)
        {
            return false;
        }

        for (int k = 0; k < 4; k++)
        {
            if (!IsDigit(s[k]))
            {
                return false;
            }
        }

        if (s[4] != '-')
        {
            return false;
        }

        int year = ((s[0] - '0') * 1000) + ((s[1] - '0') * 100) + ((s[2] - '0') * 10) + (s[3] - '0');
        int i = 5;
        if (!TryNumber(s, ref i, out int month) || month < 1 || month > 12)
        {
            return false;
        }

        if (i >= s.Length || s[i] != '-')
        {
            return false;
        }

        i++;
        if (!TryNumber(s, ref i, out int day) || day < 1 || day > DaysIn(month, year))
        {
            return false;
        }

        if (i == s.Length)
        {
            return true;
        }

        byte separator = s[i];
        if (separator != 'T' && separator != 't' && separator != ' ')
        {
            return false;
        }

        i++;
        if (!TryNumber(s, ref i, out int hour) || hour > 23 || !Expect(s, ref i, (byte)':')
            || !TryNumber(s, ref i, out int minute) || minute > 59 || !Expect(s, ref i, (byte)':')
            || !TryNumber(s, ref i, out int second) || second > 59)
        {
            return false;
        }

        // An optional fraction: a period followed by any number of digits.
        if (i + 1 < s.Length && s[i] == '.' && IsDigit(s[i + 1]))
        {
            i++;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }

        if (separator == ' ')
        {
            return i == s.Length;
        }

        // Zone: Z or ±hh:mm.
        if (i < s.Length && s[i] == 'Z')
        {
            return i + 1 == s.Length;
        }

        if (s.Length - i != 6 || (s[i] != '+' && s[i] != '-') || s[i + 3] != ':')
        {
            return false;
        }

        return IsDigit(s[i + 1]) && IsDigit(s[i + 2]) && IsDigit(s[i + 4]) && IsDigit(s[i + 5])
            && ((s[i + 1] - '0') * 10) + (s[i + 2] - '0') <= 24 && ((s[i + 4] - '0') * 10) + (s[i + 5] - '0') <= 60;
    }

    private static bool Expect(ReadOnlySpan<byte> s, ref int i, byte c)
    {
        if (i < s.Length && s[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }

    // Go's layout elements "1", "2", "15", "4", "5" take one digit, or two when a second digit follows.
    private static bool TryNumber(ReadOnlySpan<byte> s, ref int i, out int value)
    {
        value = 0;
        if (i >= s.Length || !IsDigit(s[i]))
        {
            return false;
        }

        value = s[i] - '0';
        i++;
        if (i < s.Length && IsDigit(s[i]))
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }

        return true;
    }

    private static int DaysIn(int month, int year)
    {
        bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return month == 2 ? (leap ? 29 : 28) : DateTime.DaysInMonth(2001, month);
    }

    private static bool IsDigit(byte c) => c >= '0' && c <= '9';
}
