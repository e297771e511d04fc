using System.Text.Json;
using LinuxMemory.Analysis;
using LinuxMemory.Planning;
using LinuxMemory.Watermarks;

namespace Kubekit.Memory;

/// <summary>Renders a <see cref="MemoryReport"/> as JSON with <see cref="Utf8JsonWriter"/> (no reflection; AOT-safe).</summary>
internal static class MemoryJsonWriter
{
    public static byte[] Write(MemoryReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("source", report.Capture.Root);
            json.WriteNumber("pageSizeBytes", report.PageSizeBytes);
            json.WriteStartArray("missingFiles");
            foreach (string missing in report.Capture.MissingFiles)
            {
                json.WriteStringValue(missing);
            }

            json.WriteEndArray();
            WriteSysctls(json, report);

            WatermarkAnalysis? current = report.Current;
            if (current is not null)
            {
                WriteSettings(json, "settings", current);
                json.WriteStartArray("notes");
                foreach (string note in current.Notes)
                {
                    json.WriteStringValue(note);
                }

                json.WriteEndArray();
            }

            json.WriteStartArray("zones");
            if (current is not null)
            {
                for (int i = 0; i < current.Zones.Count; i++)
                {
                    WriteZone(json, current.Zones[i], report.WhatIf?.Zones[i], report.PageSizeBytes);
                }
            }

            json.WriteEndArray();

            if (current is not null)
            {
                json.WriteStartObject("totals");
                WriteTotals(json, "printed", current.PrintedTotals, report.PageSizeBytes);
                WriteTotals(json, "computed", current.ComputedTotals, report.PageSizeBytes);
                if (report.WhatIf is not null)
                {
                    WriteTotals(json, "proposed", report.WhatIf.ComputedTotals, report.PageSizeBytes);
                }

                json.WriteEndObject();
                json.WriteBoolean("allComputedEqualPrinted", current.AllExact);
            }

            if (report.WhatIf is not null)
            {
                WriteSettings(json, "whatIf", report.WhatIf);
            }

            if (report.Plan is PressurePlan plan)
            {
                WritePlan(json, plan);
            }

            json.WriteBoolean("problemsFound", report.HasProblems);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteSysctls(Utf8JsonWriter json, MemoryReport report)
    {
        var sysctls = report.Capture.Sysctls;
        json.WriteStartObject("sysctls");
        WriteNullable(json, "minFreeKbytes", sysctls.MinFreeKbytes);
        WriteNullable(json, "watermarkScaleFactor", sysctls.WatermarkScaleFactor);
        WriteNullable(json, "watermarkBoostFactor", sysctls.WatermarkBoostFactor);
        WriteNullable(json, "swappiness", sysctls.Swappiness);
        if (sysctls.LowmemReserveRatio is null)
        {
            json.WriteNull("lowmemReserveRatio");
        }
        else
        {
            json.WriteStartArray("lowmemReserveRatio");
            foreach (long ratio in sysctls.LowmemReserveRatio)
            {
                json.WriteNumberValue(ratio);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteSettings(Utf8JsonWriter json, string name, WatermarkAnalysis analysis)
    {
        json.WriteStartObject(name);
        json.WriteNumber("minFreeKbytes", analysis.Settings.MinFreeKbytes);
        json.WriteNumber("watermarkScaleFactor", analysis.Settings.WatermarkScaleFactor);
        json.WriteString("formula", analysis.Settings.Formula == WatermarkFormula.Legacy ? "pre-4.6" : "4.6+");
        json.WriteBoolean("movableUsesHighMemRule", analysis.Settings.MovableUsesHighMemRule);
        json.WriteNumber("pagesMin", analysis.PagesMin);
        json.WriteNumber("lowmemPages", analysis.LowmemPages);
        json.WriteEndObject();
    }

    private static void WriteZone(Utf8JsonWriter json, ZoneComparison zone, ZoneComparison? proposed, int pageSize)
    {
        json.WriteStartObject();
        json.WriteNumber("node", zone.Node);
        json.WriteString("zone", zone.Name);
        json.WriteNumber("managed", zone.ManagedPages);
        WriteNullable(json, "present", zone.PresentPages);
        WriteNullable(json, "free", zone.FreePages);
        WriteNullable(json, "boost", zone.Boost);
        json.WriteNumber("maxProtection", zone.MaxProtection);
        json.WriteStartObject("printed");
        WriteNullable(json, "min", zone.PrintedMin);
        WriteNullable(json, "low", zone.PrintedLow);
        WriteNullable(json, "high", zone.PrintedHigh);
        WriteNullable(json, "promo", zone.PrintedPromo);
        json.WriteEndObject();
        WriteMarks(json, "computed", zone.Computed, pageSize);
        json.WriteString("match", zone.Match.ToString());
        json.WriteString("explanation", zone.Explanation);
        if (proposed is not null)
        {
            WriteMarks(json, "proposed", proposed.Computed, pageSize);
        }

        json.WriteEndObject();
    }

    private static void WriteMarks(Utf8JsonWriter json, string name, ZoneWatermarks marks, int pageSize)
    {
        json.WriteStartObject(name);
        json.WriteNumber("min", marks.Min);
        json.WriteNumber("low", marks.Low);
        json.WriteNumber("high", marks.High);
        json.WriteNumber("promo", marks.Promo);
        json.WriteNumber("minBytes", marks.Min * pageSize);
        json.WriteNumber("lowBytes", marks.Low * pageSize);
        json.WriteNumber("highBytes", marks.High * pageSize);
        json.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter json, string name, WatermarkTotals totals, int pageSize)
    {
        json.WriteStartObject(name);
        json.WriteNumber("min", totals.Min);
        json.WriteNumber("low", totals.Low);
        json.WriteNumber("high", totals.High);
        json.WriteNumber("minBytes", totals.Min * pageSize);
        json.WriteNumber("lowBytes", totals.Low * pageSize);
        json.WriteNumber("highBytes", totals.High * pageSize);
        json.WriteNumber("kswapdWindowPages", totals.KswapdWindow);
        json.WriteNumber("kswapdWindowBytes", totals.KswapdWindow * pageSize);
        json.WriteNumber("reclaimHeadroomPages", totals.ReclaimHeadroom);
        json.WriteNumber("reclaimHeadroomBytes", totals.ReclaimHeadroom * pageSize);
        json.WriteEndObject();
    }

    private static void WritePlan(Utf8JsonWriter json, PressurePlan plan)
    {
        json.WriteStartObject("eviction");
        json.WriteNumber("memTotalBytes", plan.MemTotalBytes);
        WriteNullable(json, "memAvailableBytes", plan.MemAvailableBytes);
        WriteNullable(json, "memoryAvailableEstimateBytes", plan.MemoryAvailableBytes);
        json.WriteNumber("headroomSeconds", Math.Round(plan.WindowSeconds, 3));
        WriteNullable(json, "whatIfMemAvailableChangePages", plan.WhatIfMemAvailableChangePages);
        WriteNullable(json, "whatIfMemAvailableChangeBytes", plan.WhatIfMemAvailableChangePages * plan.PageSizeBytes);
        json.WriteStartArray("thresholds");
        foreach (ThresholdPlacement threshold in plan.Thresholds)
        {
            json.WriteStartObject();
            json.WriteString("name", threshold.Name);
            json.WriteString("threshold", threshold.Threshold.ToString());
            json.WriteNumber("bytes", threshold.Bytes);
            json.WriteString("placement", threshold.Placement.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("swap");
        WriteNullable(json, "swapTotalBytes", plan.SwapTotalBytes);
        json.WriteNumber("exampleRequestBytes", plan.ExampleRequestBytes);
        WriteNullable(json, "limitedSwapLimitBytes", plan.ExampleSwapLimitBytes);
        json.WriteEndObject();

        json.WriteStartArray("findings");
        foreach (string finding in plan.Findings)
        {
            json.WriteStringValue(finding);
        }

        json.WriteEndArray();
        json.WriteStartArray("recommendations");
        foreach (Recommendation recommendation in plan.Recommendations)
        {
            json.WriteStartObject();
            json.WriteString("setting", recommendation.Setting);
            json.WriteString("current", recommendation.Current);
            json.WriteString("proposed", recommendation.Proposed);
            json.WriteString("reason", recommendation.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (plan.Proposal is ProposedTuning proposal)
        {
            json.WriteStartObject("proposal");
            json.WriteNumber("minFreeKbytes", proposal.MinFreeKbytes);
            json.WriteNumber("watermarkScaleFactor", proposal.WatermarkScaleFactor);
            json.WriteString("evictionHard", proposal.EvictionHard.ToString());
            WriteTotals(json, "totals", proposal.Totals, plan.PageSizeBytes);
            json.WriteNumber("memAvailableChangePages", proposal.MemAvailableChangePages);
            json.WriteNumber("memAvailableChangeBytes", proposal.MemAvailableChangePages * plan.PageSizeBytes);
            json.WriteEndObject();
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is long number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
