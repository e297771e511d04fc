using System.Globalization;
using System.Security;
using System.Text;
using LinuxMemory.Analysis;
using LinuxMemory.Planning;

namespace Kubekit.Memory;

/// <summary>
/// Draws the memory pressure zones as a hand-written SVG: for the current settings (and the proposed ones, when
/// there are any) a bar of free memory from 0 up, banded at the summed min, low and high watermarks, with kubelet's
/// eviction thresholds marked.
/// </summary>
internal static class PressureSvgWriter
{
    private const int Width = 1080;
    private const int Height = 600;
    private const int BarTop = 90;
    private const int BarBottom = 520;
    private const int BarWidth = 120;
    private const double MiB = 1024 * 1024;

    public static string Write(MemoryReport report)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"13\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        Text(svg, 20, 30, "Memory pressure zones (free memory, summed over all zones)", 18, "bold");
        Text(svg, 20, 52, $"source {report.Capture.Root}; page size {report.PageSizeBytes} B; each bar has its own scale", 12, "normal");

        if (report.Current is null || report.Plan is null)
        {
            Text(svg, 20, 90, "no zoneinfo: nothing to draw", 14, "normal");
            svg.Append("</svg>\n");
            return svg.ToString();
        }

        var columns = new List<(string Title, WatermarkTotals Totals, IReadOnlyList<(string Name, long Bytes)> Thresholds)>();
        var currentThresholds = new List<(string, long)>();
        foreach (ThresholdPlacement threshold in report.Plan.Thresholds)
        {
            currentThresholds.Add(($"{threshold.Name} {threshold.Threshold}", threshold.Bytes));
        }

        WatermarkAnalysis current = report.Current;
        columns.Add(($"now: min_free_kbytes {current.Settings.MinFreeKbytes}, wsf {current.Settings.WatermarkScaleFactor}",
            current.PrintedTotals, currentThresholds));
        if (report.WhatIf is WatermarkAnalysis whatIf)
        {
            columns.Add(($"what-if: min_free_kbytes {whatIf.Settings.MinFreeKbytes}, wsf {whatIf.Settings.WatermarkScaleFactor}",
                whatIf.ComputedTotals, currentThresholds));
        }
        else if (report.Plan.Proposal is ProposedTuning proposal)
        {
            columns.Add(($"recommended: min_free_kbytes {proposal.MinFreeKbytes}, wsf {proposal.WatermarkScaleFactor}",
                proposal.Totals, [($"evictionHard {proposal.EvictionHard}", proposal.EvictionHard.Bytes)]));
        }

        int x = 110;
        foreach (var column in columns)
        {
            DrawColumn(svg, x, column.Title, column.Totals, column.Thresholds, report.PageSizeBytes);
            x += 540;
        }

        DrawLegend(svg, 20, Height - 40);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void DrawColumn(
        StringBuilder svg,
        int x,
        string title,
        WatermarkTotals totals,
        IReadOnlyList<(string Name, long Bytes)> thresholds,
        int pageSize)
    {
        double min = totals.Min * (double)pageSize;
        double low = totals.Low * (double)pageSize;
        double high = totals.High * (double)pageSize;
        double top = high;
        foreach ((string _, long bytes) in thresholds)
        {
            top = Math.Max(top, bytes);
        }

        top = Math.Max(top * 1.25, 1);
        double Y(double bytes) => BarBottom - ((BarBottom - BarTop) * bytes / top);

        Text(svg, x - 60, BarTop - 14, title, 13, "bold");
        Band(svg, x, Y(top), Y(high), "#c8e6c9", "no reclaim");
        Band(svg, x, Y(high), Y(low), "#fff59d", "kswapd reclaims to high");
        Band(svg, x, Y(low), Y(min), "#ffcc80", "kswapd + swap-out");
        Band(svg, x, Y(min), Y(0), "#ef9a9a", "direct reclaim / OOM");
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{x}\" y=\"{BarTop}\" width=\"{BarWidth}\" height=\"{BarBottom - BarTop}\" fill=\"none\" stroke=\"#424242\"/>\n");

        Mark(svg, x, Y(high), $"high {high / MiB:0.0} MiB", "#616161", left: true);
        Mark(svg, x, Y(low), $"low {low / MiB:0.0} MiB", "#616161", left: true);
        Mark(svg, x, Y(min), $"min {min / MiB:0.0} MiB", "#616161", left: true);
        Text(svg, x - 60, BarBottom + 18, "0 free", 12, "normal");

        int labelOffset = 0;
        foreach ((string name, long bytes) in thresholds)
        {
            double y = Y(bytes);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{x - 6}\" y1=\"{y:0.0}\" x2=\"{x + BarWidth + 12}\" y2=\"{y:0.0}\" stroke=\"#1565c0\" stroke-width=\"2.5\" stroke-dasharray=\"6 3\"/>\n");
            Text(svg, x + BarWidth + 16, y + 4 + labelOffset, $"{name} = {bytes / MiB:0.0} MiB", 12, "bold", "#1565c0");
            labelOffset += 16;
        }
    }

    private static void Band(StringBuilder svg, int x, double yTop, double yBottom, string color, string label)
    {
        double height = Math.Max(0, yBottom - yTop);
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{x}\" y=\"{yTop:0.0}\" width=\"{BarWidth}\" height=\"{height:0.0}\" fill=\"{color}\"><title>{Escape(label)}</title></rect>\n");
        if (height >= 16)
        {
            Text(svg, x + 6, yTop + (height / 2) + 4, label, 11, "normal");
        }
    }

    private static void Mark(StringBuilder svg, int x, double y, string label, string color, bool left)
    {
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{x - 4}\" y1=\"{y:0.0}\" x2=\"{x + BarWidth}\" y2=\"{y:0.0}\" stroke=\"{color}\"/>\n");
        if (left)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{x - 8}\" y=\"{y + 4:0.0}\" font-size=\"11\" text-anchor=\"end\" fill=\"{color}\">{Escape(label)}</text>\n");
        }
    }

    private static void DrawLegend(StringBuilder svg, int x, int y)
    {
        (string Color, string Label)[] items =
        [
            ("#c8e6c9", "free above high: no reclaim"),
            ("#fff59d", "low..high: kswapd keeps reclaiming"),
            ("#ffcc80", "min..low: kswapd woken, swap-out"),
            ("#ef9a9a", "below min: direct reclaim, OOM"),
        ];
        foreach ((string color, string label) in items)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y - 10}\" width=\"14\" height=\"12\" fill=\"{color}\" stroke=\"#757575\"/>\n");
            Text(svg, x + 20, y, label, 12, "normal");
            x += 262;
        }
    }

    private static void Text(StringBuilder svg, double x, double y, string text, int size, string weight, string color = "#212121")
    {
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{x:0.0}\" y=\"{y:0.0}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"{color}\">{Escape(text)}</text>\n");
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
