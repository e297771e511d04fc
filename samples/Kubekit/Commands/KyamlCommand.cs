using System.Text;
using Kubekit.Kyaml;
using Kyaml;

namespace Kubekit;

/// <summary>The 'kyaml' subcommand: YAML or JSON to KYAML, plus the --check and --to-json modes.</summary>
internal static class KyamlCommand
{
    /// <summary>The largest input read, so that a huge file fails cleanly instead of exhausting memory.</summary>
    internal const long MaxInputBytes = 256L * 1024 * 1024;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (args.Contains("--check") || args.Contains("--to-json"))
        {
            // --check and --to-json take files only; any other option (--compact, a second mode) is a usage error
            // rather than a file name that cannot be read.
            string mode = args.Contains("--check") ? "--check" : "--to-json";
            string? other = args.FirstOrDefault(a => a != mode && a.StartsWith("--", StringComparison.Ordinal));
            if (other is not null)
            {
                stderr.WriteLine($"kubekit kyaml: {mode} does not take the option '{OneLine(other)}'; "
                    + "run 'kubekit kyaml --help'");
                return Program.BadInput;
            }
        }

        if (args.Contains("--check"))
        {
            return KyamlCheckCommand.RunCheck(args.Where(a => a != "--check").ToArray(), stdout, stderr);
        }

        if (args.Contains("--to-json"))
        {
            return KyamlToJsonCommand.RunToJson(args.Where(a => a != "--to-json").ToArray(), stdout, stderr);
        }

        string? error = KyamlArguments.TryParse(args, out KyamlArguments arguments);
        if (error is not null)
        {
            stderr.WriteLine($"kubekit kyaml: {error}");
            return Program.BadInput;
        }

        if (arguments.Help)
        {
            stdout.Write(KyamlArguments.Usage);
            return Program.Success;
        }

        string name = arguments.Input == "-" ? "<stdin>" : arguments.Input;
        byte[] input;
        try
        {
            input = ReadInput(arguments.Input);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException
            or NotSupportedException)
        {
            stderr.WriteLine($"kubekit kyaml: cannot read '{name}': {OneLine(ex.Message)}");
            return Program.BadInput;
        }

        var options = new KyamlConverterOptions
        {
            Compact = arguments.Compact,
            KubectlForm = arguments.Kubectl,
            ReferenceCompatible = arguments.ReferenceCompatible,
        };

        // Convert everything first, so that a failure leaves nothing half-written on stdout.
        byte[] output;
        try
        {
            output = KyamlConverter.Convert(input, options);
        }
        catch (KyamlException ex)
        {
            stderr.WriteLine(FormatError(name, ex));
            return Program.BadInput;
        }

        stdout.Write(Encoding.UTF8.GetString(output));
        stdout.Flush();
        return Program.Success;
    }

    /// <summary>The one-line 'file:line:column: message' form of a conversion error.</summary>
    internal static string FormatError(string file, KyamlException ex)
    {
        string message = OneLine(ex.Message);
        if (ex.LineNumber is long line)
        {
            return $"{file}:{line}:{ex.Column ?? 1}: {message}";
        }

        return ex.BytePosition is long offset ? $"{file}: byte {offset}: {message}" : $"{file}: {message}";
    }

    private static byte[] ReadInput(string path)
    {
        using Stream stream = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > MaxInputBytes)
            {
                throw new IOException($"the input is larger than {MaxInputBytes} bytes");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static string OneLine(string text)
    {
        return KyamlCheckCommand.OneLine(text).Trim();
    }
}
