using System.Globalization;
using System.Text.Json;
using DeviceHealth;
using DeviceHealth.Signals;

namespace Kubekit.Devices;

/// <summary><c>kubekit devices smi</c>: one <c>nvidia-smi -q -x</c> document.</summary>
internal static class DevicesSmi
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        DevicesArgs a = DevicesArgs.Parse(args, [], []);
        if (a.Positional.Count != 1)
        {
            throw new DevicesUsageException("smi needs exactly one FILE (the output of 'nvidia-smi -q -x' or of --query-gpu with --format=csv)");
        }

        string text = DevicesArgs.ReadText(a.Positional[0], TextReader.Null);
        return Report(text, a.Positional[0], a.Json, stdout);
    }

    /// <summary>Parses and prints a document; shared with the live mode.</summary>
    public static int Report(string xml, string name, bool json, TextWriter stdout)
    {
        NvidiaSmiReport report;
        try
        {
            // Accept both 'nvidia-smi -q -x' and 'nvidia-smi --query-gpu=... --format=csv'.
            report = xml.TrimStart().StartsWith('<')
                ? NvidiaSmiXmlParser.Parse(new StringReader(xml))
                : NvidiaSmiQueryCsvParser.Parse(new StringReader(xml));
        }
        catch (DeviceHealthException ex)
        {
            throw new DevicesUsageException($"'{name}': {ex.Message}", ex);
        }

        bool problems = report.Gpus.Any(g => g.Health != GpuHealth.Healthy);
        if (json)
        {
            DevicesArgs.WriteJson(stdout, w => WriteJson(w, report));
        }
        else
        {
            stdout.WriteLine($"driver {report.DriverVersion}, {report.Gpus.Count} GPU(s)");
            foreach (GpuReport g in report.Gpus)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{g.Id} {g.ProductName} {g.Uuid}: {g.Health}{(g.Findings.Count > 0 ? " (" + string.Join("; ", g.Findings) + ")" : "")}"));
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  ECC {Show(g.EccMode)}: volatile {Show(g.VolatileCorrectable)} corrected / {Show(g.VolatileUncorrectable)} uncorrected; "
                    + $"remapped rows {Show(g.RemappedRowsCorrectable)}/{Show(g.RemappedRowsUncorrectable)}; "
                    + $"PCIe gen {Show(g.PcieCurrentGen)}/{Show(g.PcieMaxGen)} x{Show(g.PcieCurrentWidth)}/x{Show(g.PcieMaxWidth)}; "
                    + $"MIG {Show(g.MigMode)} ({g.MigDevices} device(s)); {Show(g.TemperatureC)} C"));
            }

            foreach (Diagnostic d in report.Diagnostics)
            {
                stdout.WriteLine($"warning: {d}");
            }
        }

        return problems ? Program.ProblemsFound : Program.Success;
    }

    private static string Show(string s) => s.Length == 0 ? "n/a" : s;

    private static string Show(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    private static void WriteJson(Utf8JsonWriter w, NvidiaSmiReport report)
    {
        w.WriteStartObject();
        w.WriteString("driverVersion", report.DriverVersion);
        w.WriteString("timestamp", report.Timestamp);
        w.WriteStartArray("gpus");
        foreach (GpuReport g in report.Gpus)
        {
            w.WriteStartObject();
            w.WriteString("id", g.Id);
            w.WriteString("uuid", g.Uuid);
            w.WriteString("productName", g.ProductName);
            w.WriteString("pciBusId", g.PciBusId);
            w.WriteString("health", g.Health.ToString());
            w.WriteStartArray("findings");
            foreach (string f in g.Findings)
            {
                w.WriteStringValue(f);
            }

            w.WriteEndArray();
            w.WriteStartObject("ecc");
            w.WriteString("mode", g.EccMode);
            DevicesJson.NumberOrNull(w, "volatileCorrectable", g.VolatileCorrectable);
            DevicesJson.NumberOrNull(w, "volatileUncorrectable", g.VolatileUncorrectable);
            DevicesJson.NumberOrNull(w, "aggregateCorrectable", g.AggregateCorrectable);
            DevicesJson.NumberOrNull(w, "aggregateUncorrectable", g.AggregateUncorrectable);
            w.WriteEndObject();
            w.WriteStartObject("retiredPages");
            DevicesJson.NumberOrNull(w, "singleBit", g.RetiredPagesSingleBit);
            DevicesJson.NumberOrNull(w, "doubleBit", g.RetiredPagesDoubleBit);
            DevicesJson.BoolOrNull(w, "pending", g.RetirementPending);
            w.WriteEndObject();
            w.WriteStartObject("remappedRows");
            DevicesJson.NumberOrNull(w, "correctable", g.RemappedRowsCorrectable);
            DevicesJson.NumberOrNull(w, "uncorrectable", g.RemappedRowsUncorrectable);
            DevicesJson.BoolOrNull(w, "pending", g.RemapPending);
            DevicesJson.BoolOrNull(w, "failure", g.RemapFailure);
            w.WriteEndObject();
            w.WriteStartArray("clockEvents");
            foreach (string c in g.ActiveClockEvents)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteStartObject("pcie");
            DevicesJson.NumberOrNull(w, "currentGen", g.PcieCurrentGen);
            DevicesJson.NumberOrNull(w, "maxGen", g.PcieMaxGen);
            DevicesJson.NumberOrNull(w, "currentWidth", g.PcieCurrentWidth);
            DevicesJson.NumberOrNull(w, "maxWidth", g.PcieMaxWidth);
            DevicesJson.NumberOrNull(w, "replays", g.PcieReplays);
            w.WriteEndObject();
            w.WriteStartObject("mig");
            w.WriteString("mode", g.MigMode);
            w.WriteNumber("devices", g.MigDevices);
            w.WriteEndObject();
            DevicesJson.NumberOrNull(w, "temperatureC", g.TemperatureC);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        DevicesJson.WriteDiagnostics(w, report.Diagnostics);
        w.WriteEndObject();
    }
}
