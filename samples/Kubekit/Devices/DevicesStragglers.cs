using System.Globalization;
using DeviceHealth;
using DeviceHealth.Degradation;
using DeviceHealth.Signals;

namespace Kubekit.Devices;

/// <summary><c>kubekit devices stragglers</c>: role-scoped straggler detection on a step-times CSV.</summary>
internal static class DevicesStragglers
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        DevicesArgs a = DevicesArgs.Parse(args, ["--metric"], []);
        if (a.Positional.Count != 1)
        {
            throw new DevicesUsageException("stragglers needs exactly one FILE.csv");
        }

        string metric = a.Option("--metric") ?? "compute_s";
        string text = DevicesArgs.ReadText(a.Positional[0], TextReader.Null);
        List<Diagnostic> diagnostics = [];
        IReadOnlyList<StepSample> samples;
        try
        {
            samples = StepTimesCsv.Read(new StringReader(text), metric, diagnostics);
        }
        catch (DeviceHealthException ex)
        {
            throw new DevicesUsageException($"'{a.Positional[0]}': {ex.Message}", ex);
        }

        if (samples.Count == 0)
        {
            string first = diagnostics.Count > 0 ? $" (first problem: {diagnostics[0]})" : "";
            throw new DevicesUsageException(
                $"'{a.Positional[0]}': no step-time rows with a '{metric}' value; {diagnostics.Count} malformed row(s){first}");
        }

        DetectorReport report = DegradationDetector.Analyze(samples);
        if (a.Json)
        {
            DevicesArgs.WriteJson(stdout, w =>
            {
                w.WriteStartObject();
                w.WriteString("metric", metric);
                w.WriteNumber("steps", report.Steps);
                w.WriteNumber("samples", samples.Count);
                w.WriteStartArray("flaggedRanks");
                foreach (int r in report.FlaggedRanks)
                {
                    w.WriteNumberValue(r);
                }

                w.WriteEndArray();
                w.WriteStartArray("ranks");
                foreach (RankSummary r in report.Ranks)
                {
                    w.WriteStartObject();
                    w.WriteNumber("rank", r.Rank);
                    w.WriteString("role", r.RoleKey);
                    w.WriteNumber("maxRatio", Math.Round(r.MaxRatio, 4));
                    w.WriteNumber("medianSeconds", Math.Round(r.MedianSeconds, 6));
                    w.WriteString("phase", r.FinalPhase.ToString());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                DevicesJson.WriteDiagnostics(w, diagnostics);
                w.WriteEndObject();
            });
        }
        else
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{samples.Count} sample(s), {report.Steps} step(s), {report.Ranks.Count} rank(s), metric {metric}"));
            foreach (RankSummary r in report.Ranks)
            {
                string flag = report.FlaggedRanks.Contains(r.Rank) ? "  FLAGGED" : "";
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rank {r.Rank,4} {r.RoleKey,-8} median {r.MedianSeconds,10:F3} s  max ratio to peers {r.MaxRatio:F3}  {r.FinalPhase}{flag}"));
            }

            foreach (Diagnostic d in diagnostics)
            {
                stdout.WriteLine($"warning: {d}");
            }

            stdout.WriteLine(report.FlaggedRanks.Count == 0
                ? "no stragglers"
                : $"flagged ranks: {string.Join(", ", report.FlaggedRanks)}");
        }

        return report.FlaggedRanks.Count > 0 ? Program.ProblemsFound : Program.Success;
    }
}
