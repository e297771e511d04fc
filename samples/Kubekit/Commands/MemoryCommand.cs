using System.Text;
using Kubekit.Memory;
using LinuxMemory;
using LinuxMemory.Proc;

namespace Kubekit;

/// <summary>The 'memory' subcommand: the node memory report (also what plain 'kubekit' runs).</summary>
internal static class MemoryCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        string? error = MemoryArguments.TryParse(args, out MemoryArguments arguments);
        if (error is not null)
        {
            stderr.WriteLine($"kubekit memory: {error}");
            return Program.BadInput;
        }

        if (arguments.Help)
        {
            stdout.Write(MemoryArguments.Usage);
            return Program.Success;
        }

        MemoryReport report;
        try
        {
            ProcMemoryCapture capture = ProcMemoryReader.Read(arguments.ProcRoot, ProcMemoryReader.DefaultMaxFileBytes);
            int pageSize = arguments.PageSizeBytes ?? (arguments.IsLive ? Environment.SystemPageSize : 4096);
            report = MemoryReport.Build(arguments, capture, pageSize);
        }
        catch (LinuxMemoryFormatException ex)
        {
            stderr.WriteLine($"kubekit memory: {ex.Message}");
            return Program.BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or ArithmeticException)
        {
            stderr.WriteLine($"kubekit memory: {OneLine(ex.Message)}");
            return Program.BadInput;
        }

        if (arguments.SvgPath is string svgPath)
        {
            try
            {
                File.WriteAllText(svgPath, PressureSvgWriter.Write(report), new UTF8Encoding(false));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                stderr.WriteLine($"kubekit memory: cannot write '{svgPath}': {OneLine(ex.Message)}");
                return Program.BadInput;
            }
        }

        if (arguments.Json)
        {
            stdout.Write(Encoding.UTF8.GetString(MemoryJsonWriter.Write(report)));
            stdout.WriteLine();
        }
        else
        {
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            MemoryTextWriter.Write(report, text);
            stdout.Write(text.ToString());
        }

        return report.HasProblems ? Program.ProblemsFound : Program.Success;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
