using System.Diagnostics;
using System.Globalization;

namespace Kyaml;

/// <summary>
/// Formats a double the way Go's <c>encoding/json</c> does: the shortest digits that read back to the same value,
/// fixed notation for magnitudes in [1e-6, 1e21), otherwise exponent notation with at least one exponent digit.
/// </summary>
internal static class GoFloatFormatter
{
    public static int Format(double value, Span<byte> destination)
    {
        if (double.IsNaN(value))
        {
            ".nan"u8.CopyTo(destination);
            return 4;
        }

        if (double.IsInfinity(value))
        {
            ReadOnlySpan<byte> text = value > 0 ? ".inf"u8 : "-.inf"u8;
            text.CopyTo(destination);
            return text.Length;
        }

        double magnitudeValue = Math.Abs(value);
        if (magnitudeValue == 0 || (magnitudeValue >= 1e-6 && magnitudeValue < 1e21))
        {
            bool formatted = value.TryFormat(destination, out int plainLength, "R", CultureInfo.InvariantCulture);
            Debug.Assert(formatted, "the destination holds any round-trip double");
            if (destination[..plainLength].IndexOf((byte)'E') < 0)
            {
                // .NET printed the shortest digits in plain notation, which is also Go's form in this range.
                return plainLength;
            }
        }

        Span<byte> shortest = stackalloc byte[32];
        bool ok = value.TryFormat(shortest, out int length, "R", CultureInfo.InvariantCulture);
        Debug.Assert(ok, "32 bytes hold any round-trip double");
        ReadOnlySpan<byte> s = shortest[..length];

        // Split the shortest form into its significant digits and the position of the decimal point.
        int n = 0;
        bool negative = s[0] == '-';
        Span<byte> digits = stackalloc byte[24];
        int pointPosition = 0;
        bool seenPoint = false;
        int exponent = 0;
        int i = negative ? 1 : 0;
        for (; i < s.Length; i++)
        {
            byte c = s[i];
            if (c == '.')
            {
                seenPoint = true;
            }
            else if (c == 'E' || c == 'e')
            {
                exponent = int.Parse(s[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                if (n == 0 && c == '0')
                {
                    if (seenPoint)
                    {
                        pointPosition--;
                    }

                    continue;
                }

                digits[n++] = c;
                if (!seenPoint)
                {
                    pointPosition++;
                }
            }
        }

        // Trailing zeros carry no information.
        while (n > 1 && digits[n - 1] == '0')
        {
            n--;
        }

        int w = 0;
        if (negative)
        {
            destination[w++] = (byte)'-';
        }

        if (n == 0)
        {
            destination[w++] = (byte)'0';
            return w;
        }

        // value = 0.d1d2d3... × 10^point
        int point = pointPosition + exponent;
        double magnitude = Math.Abs(value);
        if (magnitude < 1e-6 || magnitude >= 1e21)
        {
            destination[w++] = digits[0];
            if (n > 1)
            {
                destination[w++] = (byte)'.';
                digits[1..n].CopyTo(destination[w..]);
                w += n - 1;
            }

            int e = point - 1;
            destination[w++] = (byte)'e';
            destination[w++] = e < 0 ? (byte)'-' : (byte)'+';
            e = Math.Abs(e);
            bool okExp = e.TryFormat(destination[w..], out int written, default, CultureInfo.InvariantCulture);
            Debug.Assert(okExp, "room for the exponent");
            w += written;

            // Go writes at least two exponent digits and encoding/json then trims "e-07" to "e-7"; positive
            // exponents in this range always have two or more digits.
            return w;
        }

        if (point <= 0)
        {
            destination[w++] = (byte)'0';
            destination[w++] = (byte)'.';
            destination.Slice(w, -point).Fill((byte)'0');
            w += -point;
            digits[..n].CopyTo(destination[w..]);
            return w + n;
        }

        if (point >= n)
        {
            digits[..n].CopyTo(destination[w..]);
            w += n;
            destination.Slice(w, point - n).Fill((byte)'0');
            return w + point - n;
        }

        digits[..point].CopyTo(destination[w..]);
        w += point;
        destination[w++] = (byte)'.';
        digits[point..n].CopyTo(destination[w..]);
        return w + n - point;
    }
}
