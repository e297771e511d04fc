using System.Text;
using Kyaml;

namespace Kubekit;

/// <summary>
/// <c>kubekit kyaml --to-json [FILE|-]</c>: converts a KYAML (or YAML, or JSON) stream to JSON, one indented JSON
/// value per document. Nothing is written to stdout unless the whole input converts.
/// </summary>
internal static class KyamlToJsonCommand
{
    /// <summary>Converts the file named in <paramref name="args"/> (or standard input for none or <c>-</c>).</summary>
    /// <returns>0 on success, 2 for usage errors, unreadable files and input that cannot be converted.</returns>
    internal static int RunToJson(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length > 1)
        {
            stderr.WriteLine("kubekit kyaml: --to-json takes at most one FILE (or '-' for standard input)");
            return Program.BadInput;
        }

        string name = args.Length == 0 || args[0] == "-" ? "-" : args[0];
        byte[] input;
        try
        {
            input = name == "-" ? ReadStandardInput() : File.ReadAllBytes(name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
            or NotSupportedException)
        {
            stderr.WriteLine($"kubekit kyaml: cannot read '{name}': {KyamlCheckCommand.OneLine(e.Message)}");
            return Program.BadInput;
        }

        try
        {
            stdout.Write(Convert(input));
            return Program.Success;
        }
        catch (KyamlException e)
        {
            stderr.WriteLine($"kubekit kyaml: {KyamlCommand.FormatError(name, e)}");
            return Program.BadInput;
        }
    }

    /// <summary>
    /// Reads KYAML (and flow-style YAML) directly; other YAML goes through the converter first, so that scalars
    /// mean what KYAML's reference parser makes of them.
    /// </summary>
    internal static string Convert(byte[] input)
    {
        if (!LooksLikeFlowStyle(input))
        {
            return ConvertedToJson(KyamlConverter.Convert(input));
        }

        try
        {
            return ToJson(input);
        }
        catch (KyamlException direct)
        {
            // Flow-style YAML beyond what the reader takes (anchors, tags) still converts; otherwise the reader's
            // report, with its position, is the precise one.
            byte[] kyaml;
            try
            {
                kyaml = KyamlConverter.Convert(input);
            }
            catch (KyamlException)
            {
                throw direct;
            }

            try
            {
                return ToJson(kyaml);
            }
            catch (KyamlException)
            {
                // The converted text fails too (a number JSON cannot hold, say): report it where the user wrote it.
                throw direct;
            }
        }
    }

    /// <summary>Reads converter output; a position in it would not match the user's file, so it is left out.</summary>
    private static string ConvertedToJson(byte[] kyaml)
    {
        try
        {
            return ToJson(kyaml);
        }
        catch (KyamlException e)
        {
            throw new KyamlException(e.Message) { Kind = e.Kind };
        }
    }

    private static string ToJson(byte[] input)
    {
        using var source = new MemoryStream(input, writable: false);
        using var json = new MemoryStream();
        var options = new KyamlReaderOptions { Mode = KyamlReaderMode.Lenient };
        KyamlStreamConverter.ToJsonAsync(source, json, options, indented: true).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length);
    }

    private static bool LooksLikeFlowStyle(byte[] input)
    {
        foreach (string line in Encoding.UTF8.GetString(input).Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed == "---")
            {
                continue;
            }

            return trimmed[0] is '{' or '[' or '"';
        }

        return false;
    }

    private static byte[] ReadStandardInput()
    {
        using Stream stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }
}
