using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kubekit.Devices;

/// <summary>Argument parsing and output helpers shared by the devices subcommands.</summary>
internal sealed class DevicesArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <summary>The largest input file read.</summary>
    internal const long MaxInputBytes = 256L * 1024 * 1024;

    public List<string> Positional { get; } = [];

    public bool Json => _flags.Contains("--json");

    /// <summary>Parses arguments; options named in <paramref name="valued"/> take a value.</summary>
    public static DevicesArgs Parse(string[] args, string[] valued, string[] flags)
    {
        DevicesArgs result = new();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "-" || !a.StartsWith('-'))
            {
                result.Positional.Add(a);
            }
            else if (valued.Contains(a))
            {
                if (i + 1 >= args.Length)
                {
                    throw new DevicesUsageException($"option {a} needs a value");
                }

                result._options[a] = args[++i];
            }
            else if (flags.Contains(a) || a == "--json")
            {
                result._flags.Add(a);
            }
            else
            {
                throw new DevicesUsageException($"unknown option '{a}'");
            }
        }

        return result;
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public long Integer(string name, long fallback, long min, long max)
    {
        if (Option(name) is not string text)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) || v < min || v > max)
        {
            throw new DevicesUsageException($"option {name}: expected a whole number from {min} to {max}, found '{text}'");
        }

        return v;
    }

    public double Number(string name, double fallback, double min, double max)
    {
        if (Option(name) is not string text)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v >= min && v <= max))
        {
            throw new DevicesUsageException($"option {name}: expected a number from {min} to {max}, found '{text}'");
        }

        return v;
    }

    public static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"kubekit devices: {OneLine(message)}");
        return Program.BadInput;
    }

    public static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>Reads a whole input file (or stdin for "-"), bounded by <see cref="MaxInputBytes"/>.</summary>
    public static string ReadText(string path, TextReader stdin) => ReadText(path, stdin, MaxInputBytes);

    /// <summary>Reads a whole input file (or stdin for "-"), bounded by <paramref name="maxChars"/>.</summary>
    internal static string ReadText(string path, TextReader stdin, long maxChars)
    {
        try
        {
            if (path == "-")
            {
                return ReadBounded(stdin, "standard input", maxChars);
            }

            FileInfo info = new(path);
            if (info.Exists && info.Length > maxChars)
            {
                throw new DevicesUsageException($"'{path}' is larger than {maxChars} bytes");
            }

            // Devices and /proc-style files report a length of 0, so the bound is also enforced while reading.
            using StreamReader reader = File.OpenText(path);
            return ReadBounded(reader, $"'{path}'", maxChars);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DevicesUsageException($"cannot read '{path}': {OneLine(ex.Message)}", ex);
        }
    }

    private static string ReadBounded(TextReader input, string what, long maxChars)
    {
        char[] buffer = new char[64 * 1024];
        StringBuilder sb = new();
        int n;
        while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            sb.Append(buffer, 0, n);
            if (sb.Length > maxChars)
            {
                throw new DevicesUsageException($"{what} is larger than {maxChars} bytes");
            }
        }

        return sb.ToString();
    }

    /// <summary>Writes a JSON document built in memory, then copies it to the writer in one piece.</summary>
    public static void WriteJson(TextWriter stdout, Action<Utf8JsonWriter> build)
    {
        using MemoryStream ms = new();
        using (Utf8JsonWriter writer = new(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            build(writer);
        }

        stdout.Write(Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length));
        stdout.WriteLine();
    }
}
