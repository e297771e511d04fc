using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace DeviceHealth.Signals;

/// <summary>
/// Reads <c>nvidia-smi -q -x</c> output (DTD versions 10 to 13 and later) with <see cref="XmlReader"/> and LINQ to XML
/// (no serializer; AOT-safe): ECC counters, retired pages, remapped rows, clock-event (throttle) reasons, PCIe link,
/// MIG, temperature, and a derived health verdict. <c>N/A</c> values become null; unreadable values are reported.
/// The DTD is never processed and external entities are never resolved.
/// </summary>
public static class NvidiaSmiXmlParser
{
    /// <summary>The default limit on the document size in characters.</summary>
    public const long DefaultMaxCharacters = 64L * 1024 * 1024;

    /// <summary>Parses a document.</summary>
    /// <param name="reader">The XML text.</param>
    /// <param name="maxCharacters">The most characters read.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="DeviceHealthException">The text is not well-formed XML, is too large, or is not an
    /// <c>nvidia_smi_log</c> document; the message gives the line and column.</exception>
    public static NvidiaSmiReport Parse(TextReader reader, long maxCharacters = DefaultMaxCharacters)
    {
        ArgumentNullException.ThrowIfNull(reader);
        XmlReaderSettings settings = new()
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            IgnoreComments = true,
        };
        XDocument doc;
        try
        {
            using XmlReader xml = XmlReader.Create(reader, settings);
            doc = XDocument.Load(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new DeviceHealthException($"nvidia-smi XML is not well-formed: {ex.Message}", ex.LineNumber, ex.LinePosition);
        }

        XElement root = doc.Root!;
        if (root.Name.LocalName != "nvidia_smi_log")
        {
            IXmlLineInfo info = root;
            throw new DeviceHealthException(
                $"expected the root element 'nvidia_smi_log', found '{root.Name.LocalName}'", info.LineNumber, info.LinePosition);
        }

        List<Diagnostic> diagnostics = [];
        List<GpuReport> gpus = [];
        foreach (XElement gpu in root.Elements("gpu"))
        {
            gpus.Add(ReadGpu(gpu, diagnostics));
        }

        return new NvidiaSmiReport(Text(root.Element("driver_version")), Text(root.Element("timestamp")), gpus, diagnostics);
    }

    private static GpuReport ReadGpu(XElement gpu, List<Diagnostic> d)
    {
        XElement? ecc = gpu.Element("ecc_errors");
        XElement? retired = gpu.Element("retired_pages");
        XElement? remap = gpu.Element("remapped_rows");
        XElement? pci = gpu.Element("pci");
        XElement? link = pci?.Element("pci_gpu_link_info");
        XElement? clocks = gpu.Element("clocks_event_reasons") ?? gpu.Element("clocks_throttle_reasons");
        List<string> active = [];
        if (clocks is not null)
        {
            foreach (XElement reason in clocks.Elements())
            {
                if (Text(reason) == "Active")
                {
                    string name = reason.Name.LocalName;
                    int cut = name.IndexOf("_reason_", StringComparison.Ordinal);
                    active.Add(cut >= 0 ? name[(cut + 8)..] : name);
                }
            }
        }

        GpuReport report = new()
        {
            Id = (string?)gpu.Attribute("id") ?? "",
            ProductName = Text(gpu.Element("product_name")),
            Uuid = Text(gpu.Element("uuid")),
            PciBusId = Text(pci?.Element("pci_bus_id")),
            EccMode = Text(gpu.Element("ecc_mode")?.Element("current_ecc")),
            VolatileCorrectable = SumCounters(ecc?.Element("volatile"), correctable: true, d),
            VolatileUncorrectable = SumCounters(ecc?.Element("volatile"), correctable: false, d),
            AggregateCorrectable = SumCounters(ecc?.Element("aggregate"), correctable: true, d),
            AggregateUncorrectable = SumCounters(ecc?.Element("aggregate"), correctable: false, d),
            RetiredPagesSingleBit = (int?)Number(retired?.Element("multiple_single_bit_retirement")?.Element("retired_count"), d),
            RetiredPagesDoubleBit = (int?)Number(retired?.Element("double_bit_retirement")?.Element("retired_count"), d),
            RetirementPending = YesNo(retired?.Element("pending_retirement")) ?? YesNo(retired?.Element("pending_blacklist")),
            RemappedRowsCorrectable = (int?)Number(remap?.Element("remapped_row_corr"), d),
            RemappedRowsUncorrectable = (int?)Number(remap?.Element("remapped_row_unc"), d),
            RemapPending = YesNo(remap?.Element("remapped_row_pending")),
            RemapFailure = YesNo(remap?.Element("remapped_row_failure")),
            ActiveClockEvents = active,
            PcieCurrentGen = (int?)Number(link?.Element("pcie_gen")?.Element("current_link_gen"), d),
            PcieMaxGen = (int?)Number(link?.Element("pcie_gen")?.Element("max_link_gen"), d),
            PcieCurrentWidth = (int?)Number(link?.Element("link_widths")?.Element("current_link_width"), d),
            PcieMaxWidth = (int?)Number(link?.Element("link_widths")?.Element("max_link_width"), d),
            PcieReplays = Number(pci?.Element("replay_counter"), d),
            MigMode = Text(gpu.Element("mig_mode")?.Element("current_mig")),
            MigDevices = gpu.Element("mig_devices")?.Elements("mig_device").Count() ?? 0,
            TemperatureC = (int?)Number(gpu.Element("temperature")?.Element("gpu_temp"), d),
        };
        (GpuHealth health, List<string> findings) = Judge(report);
        return report with { Health = health, Findings = findings };
    }

    private static readonly string[] s_slowdowns =
        ["hw_slowdown", "hw_thermal_slowdown", "hw_power_brake_slowdown", "sw_thermal_slowdown"];

    internal static (GpuHealth, List<string>) Judge(GpuReport g)
    {
        List<string> findings = [];
        GpuHealth health = GpuHealth.Healthy;
        if (g.RemapFailure == true)
        {
            findings.Add("row remapping failed");
            health = GpuHealth.Failed;
        }

        if (g.RemapPending == true)
        {
            findings.Add("row remap pending a GPU reset");
            health = Worst(health, GpuHealth.NeedsReset);
        }

        if (g.RetirementPending == true)
        {
            findings.Add("page retirement pending a GPU reset");
            health = Worst(health, GpuHealth.NeedsReset);
        }

        if (g.VolatileUncorrectable > 0)
        {
            findings.Add($"{g.VolatileUncorrectable} volatile uncorrectable ECC error(s)");
            health = Worst(health, GpuHealth.NeedsReset);
        }

        foreach (string reason in g.ActiveClockEvents)
        {
            if (s_slowdowns.Contains(reason))
            {
                findings.Add($"clocks slowed: {reason}");
                health = Worst(health, GpuHealth.Degraded);
            }
        }

        // Idle GPUs may train the link down to save power; only a busy GPU on a narrow link is degraded.
        bool idle = g.ActiveClockEvents.Contains("gpu_idle");
        if (!idle && g.PcieCurrentWidth is int cw && g.PcieMaxWidth is int mw && cw < mw)
        {
            findings.Add($"PCIe link x{cw} of x{mw}");
            health = Worst(health, GpuHealth.Degraded);
        }

        return (health, findings);
    }

    private static GpuHealth Worst(GpuHealth a, GpuHealth b) => (GpuHealth)Math.Max((int)a, (int)b);

    private static string Text(XElement? e) => e is null ? "" : e.Value.Trim();

    private static bool? YesNo(XElement? e) => Text(e) switch
    {
        "Yes" => true,
        "No" => false,
        _ => null,
    };

    private static long? Number(XElement? e, List<Diagnostic> d)
    {
        string text = Text(e);
        if (text.Length == 0 || text == "N/A" || text.StartsWith('['))
        {
            return null;
        }

        // Units follow the number: "16x", "27 C", "4000 KB/s".
        int end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        if (end > 0 && long.TryParse(text.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        IXmlLineInfo info = e!;
        d.Add(new Diagnostic(info.LineNumber, info.LinePosition, $"<{e!.Name.LocalName}>: expected a number or N/A, found '{text}'"));
        return null;
    }

    private static long? SumCounters(XElement? group, bool correctable, List<Diagnostic> d)
    {
        if (group is null)
        {
            return null;
        }

        long? sum = null;
        foreach (XElement leaf in group.Descendants().Where(static x => !x.HasElements))
        {
            string name = leaf.Name.LocalName;
            bool isUncorrectable = name.Contains("uncorrectable", StringComparison.Ordinal) || name.Contains("double_bit", StringComparison.Ordinal)
                || (leaf.Parent?.Name.LocalName.Contains("double_bit", StringComparison.Ordinal) ?? false);
            bool isCorrectable = !isUncorrectable && (name.Contains("correctable", StringComparison.Ordinal)
                || name.Contains("single_bit", StringComparison.Ordinal)
                || (leaf.Parent?.Name.LocalName.Contains("single_bit", StringComparison.Ordinal) ?? false));
            if (name == "total" || (correctable ? !isCorrectable : !isUncorrectable))
            {
                continue;
            }

            if (Number(leaf, d) is long v)
            {
                sum = (sum ?? 0) + v;
            }
        }

        return sum;
    }
}
