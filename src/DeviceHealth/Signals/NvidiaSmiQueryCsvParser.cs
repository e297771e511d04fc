using System.Globalization;

namespace DeviceHealth.Signals;

/// <summary>
/// Reads <c>nvidia-smi --query-gpu=... --format=csv</c> output (with or without <c>noheader</c> is not supported: the
/// header names the fields). Known health fields (ECC totals, retired pages, remapped rows, clock-event reasons, PCIe
/// link, MIG mode, temperature) fill a <see cref="GpuReport"/> with the same verdict as the XML reader; other fields are
/// ignored. <c>[N/A]</c> and <c>[Not Supported]</c> become null; rows with the wrong number of fields are reported.
/// </summary>
public static class NvidiaSmiQueryCsvParser
{
    /// <summary>Parses the header line and the rows.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="maxRows">The most GPU rows read.</param>
    /// <returns>The report (driver version and timestamp from the first row).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="DeviceHealthException">The first line is not a header with a <c>uuid</c> or <c>pci.bus_id</c> field.</exception>
    public static NvidiaSmiReport Parse(TextReader reader, int maxRows = 4096)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? headerLine = reader.ReadLine();
        if (headerLine is null)
        {
            throw new DeviceHealthException("nvidia-smi CSV is empty; expected a header line.", 1, 0);
        }

        string[] header = [.. headerLine.Split(',').Select(static h => StripUnit(h.Trim()))];
        if (!header.Contains("uuid") && !header.Contains("pci.bus_id"))
        {
            throw new DeviceHealthException("nvidia-smi CSV header has neither 'uuid' nor 'pci.bus_id'.", 1, 1);
        }

        List<GpuReport> gpus = [];
        List<Diagnostic> diagnostics = [];
        string driver = "";
        string timestamp = "";
        int line = 1;
        string? row;
        while ((row = reader.ReadLine()) is not null && gpus.Count < maxRows)
        {
            line++;
            if (row.Length == 0 || row.StartsWith('#'))
            {
                break;
            }

            string[] values = [.. row.Split(',').Select(static v => v.Trim())];
            if (values.Length != header.Length)
            {
                diagnostics.Add(new Diagnostic(line, 0, $"expected {header.Length} fields, found {values.Length}"));
                continue;
            }

            Dictionary<string, string> f = new(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
            {
                f[header[i]] = values[i];
            }

            if (gpus.Count == 0)
            {
                driver = Text(f, "driver_version");
                timestamp = Text(f, "timestamp");
            }

            gpus.Add(Read(f, line, diagnostics));
        }

        return new NvidiaSmiReport(driver, timestamp, gpus, diagnostics);
    }

    private static GpuReport Read(Dictionary<string, string> f, int line, List<Diagnostic> d)
    {
        List<string> active = [];
        foreach ((string key, string value) in f)
        {
            const string prefix = "clocks_event_reasons.";
            const string oldPrefix = "clocks_throttle_reasons.";
            string? name = key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..]
                : key.StartsWith(oldPrefix, StringComparison.Ordinal) ? key[oldPrefix.Length..]
                : null;
            if (name is not null and not ("supported" or "active") && value == "Active")
            {
                active.Add(name);
            }
        }

        GpuReport report = new()
        {
            Id = Text(f, "pci.bus_id"),
            ProductName = Text(f, "name"),
            Uuid = Text(f, "uuid"),
            PciBusId = Text(f, "pci.bus_id"),
            EccMode = Text(f, "ecc.mode.current"),
            VolatileCorrectable = Number(f, "ecc.errors.corrected.volatile.total", line, d),
            VolatileUncorrectable = Number(f, "ecc.errors.uncorrected.volatile.total", line, d),
            AggregateCorrectable = Number(f, "ecc.errors.corrected.aggregate.total", line, d),
            AggregateUncorrectable = Number(f, "ecc.errors.uncorrected.aggregate.total", line, d),
            RetiredPagesSingleBit = (int?)Number(f, "retired_pages.single_bit_ecc.count", line, d),
            RetiredPagesDoubleBit = (int?)Number(f, "retired_pages.double_bit.count", line, d),
            RetirementPending = YesNo(Text(f, "retired_pages.pending")),
            RemappedRowsCorrectable = (int?)Number(f, "remapped_rows.correctable", line, d),
            RemappedRowsUncorrectable = (int?)Number(f, "remapped_rows.uncorrectable", line, d),
            RemapPending = YesNo(Text(f, "remapped_rows.pending")),
            RemapFailure = YesNo(Text(f, "remapped_rows.failure")),
            ActiveClockEvents = active,
            PcieCurrentGen = (int?)Number(f, "pcie.link.gen.current", line, d),
            PcieMaxGen = (int?)Number(f, "pcie.link.gen.max", line, d),
            PcieCurrentWidth = (int?)Number(f, "pcie.link.width.current", line, d),
            PcieMaxWidth = (int?)Number(f, "pcie.link.width.max", line, d),
            MigMode = Text(f, "mig.mode.current"),
            TemperatureC = (int?)Number(f, "temperature.gpu", line, d),
        };
        (GpuHealth health, List<string> findings) = NvidiaSmiXmlParser.Judge(report);
        return report with { Health = health, Findings = findings };
    }

    private static string StripUnit(string name)
    {
        int bracket = name.IndexOf(" [", StringComparison.Ordinal);
        return bracket > 0 ? name[..bracket] : name;
    }

    private static string Text(Dictionary<string, string> f, string key) =>
        f.TryGetValue(key, out string? v) && !IsMissing(v) ? v : "";

    private static bool IsMissing(string v) => v.Length == 0 || v.StartsWith('[') || v == "N/A";

    private static bool? YesNo(string v) => v switch
    {
        "Yes" => true,
        "No" => false,
        _ => null,
    };

    private static long? Number(Dictionary<string, string> f, string key, int line, List<Diagnostic> d)
    {
        if (!f.TryGetValue(key, out string? v) || IsMissing(v))
        {
            return null;
        }

        int end = 0;
        while (end < v.Length && char.IsAsciiDigit(v[end]))
        {
            end++;
        }

        if (end > 0 && long.TryParse(v.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
        {
            return n;
        }

        d.Add(new Diagnostic(line, 0, $"{key}: expected a number, found '{v}'"));
        return null;
    }
}
