using System.Globalization;
using System.Text;

namespace LinuxMemory.Benchmarks;

/// <summary>
/// The competitor: how zoneinfo is commonly parsed - decode to a string, split into lines and words, and keep every
/// 'key value' pair of each zone in a dictionary (the approach of regex/split based readers).
/// </summary>
internal static class StringSplitZoneInfoParser
{
    public static List<(int Node, string Zone, Dictionary<string, long> Values)> Parse(byte[] utf8)
    {
        var zones = new List<(int, string, Dictionary<string, long>)>();
        Dictionary<string, long>? current = null;
        string text = Encoding.UTF8.GetString(utf8);
        foreach (string rawLine in text.Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("Node ", StringComparison.Ordinal))
            {
                string[] parts = line.Split(',', 2);
                int node = int.Parse(parts[0].Substring(5), CultureInfo.InvariantCulture);
                string zone = parts[1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                current = new Dictionary<string, long>(StringComparer.Ordinal);
                zones.Add((node, zone, current));
                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (line.StartsWith("protection:", StringComparison.Ordinal))
            {
                string[] items = line.Substring(11).Trim(' ', '(', ')').Split(',', StringSplitOptions.TrimEntries);
                for (int i = 0; i < items.Length; i++)
                {
                    current["protection" + i.ToString(CultureInfo.InvariantCulture)] = long.Parse(items[i], CultureInfo.InvariantCulture);
                }

                continue;
            }

            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && long.TryParse(words[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
            {
                current[string.Join(' ', words, 0, words.Length - 1)] = value;
            }
        }

        return zones;
    }
}
