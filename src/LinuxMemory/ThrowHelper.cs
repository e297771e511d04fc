using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace LinuxMemory;

/// <summary>Builds and throws <see cref="LinuxMemoryFormatException"/> off the hot paths.</summary>
internal static class ThrowHelper
{
    private const int MaxFoundLength = 60;

    [DoesNotReturn]
    public static void ThrowFormat(string fileName, int lineNumber, int column, string expected, ReadOnlySpan<byte> found)
    {
        throw new LinuxMemoryFormatException(fileName, lineNumber, column, expected, Describe(found));
    }

    [DoesNotReturn]
    public static void ThrowFormat(string fileName, int lineNumber, string expected, string found)
    {
        throw new LinuxMemoryFormatException(fileName, lineNumber, 0, expected, found);
    }

    /// <summary>Renders input bytes printable and short, for messages that must stay on one line.</summary>
    public static string Describe(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "end of line";
        }

        var builder = new StringBuilder(Math.Min(bytes.Length, MaxFoundLength) + 3);
        for (int i = 0; i < bytes.Length && i < MaxFoundLength; i++)
        {
            byte b = bytes[i];
            if (b >= 0x20 && b < 0x7F)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (bytes.Length > MaxFoundLength)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }
}
