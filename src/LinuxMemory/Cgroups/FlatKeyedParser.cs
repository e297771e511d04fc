using System.Text;
using LinuxMemory.Parsing;

namespace LinuxMemory.Cgroups;

/// <summary>Parses cgroup v2 "flat keyed" files such as <c>memory.stat</c> and <c>memory.events</c>.</summary>
public static class FlatKeyedParser
{
    /// <summary>Parses <c>key value</c> lines.</summary>
    /// <param name="utf8">The file content.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <returns>The values by key, in file order.</returns>
    /// <exception cref="LinuxMemoryFormatException">A line is not <c>key value</c>, or a key repeats.</exception>
    public static IReadOnlyDictionary<string, long> Parse(ReadOnlySpan<byte> utf8, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        var cursor = new LineCursor(utf8);
        while (cursor.MoveNext())
        {
            ReadOnlySpan<byte> line = cursor.Line;
            ReadOnlySpan<byte> text = ByteText.Trim(line);
            if (text.IsEmpty)
            {
                continue;
            }

            ReadOnlySpan<byte> key = ByteText.NextToken(text, out ReadOnlySpan<byte> rest);
            ReadOnlySpan<byte> valueToken = ByteText.NextToken(rest, out ReadOnlySpan<byte> trailing);
            foreach (byte b in key)
            {
                if (!ByteText.IsKeyByte(b))
                {
                    ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, key), "a key of letters, digits and '_'", key);
                }
            }

            if (!ByteText.TryParseInt64(valueToken, out long value, out bool overflow) || !trailing.IsEmpty)
            {
                ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, valueToken.IsEmpty ? rest : valueToken),
                    overflow ? "a value that fits in 64 bits" : $"one number after '{ThrowHelper.Describe(key)}'",
                    rest);
            }

            if (!result.TryAdd(Encoding.ASCII.GetString(key), value))
            {
                ThrowHelper.ThrowFormat(fileName, cursor.LineNumber, ByteText.ColumnOf(line, key), "each key once", key);
            }
        }

        return result;
    }
}
