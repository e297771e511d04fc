using System.Globalization;
using System.Text.RegularExpressions;

namespace DeviceHealth.Signals;

/// <summary>
/// Finds NVIDIA device events in kernel log text (dmesg, <c>journalctl -k</c>, syslog): <c>NVRM: Xid</c> lines in the
/// current (<c>PCI:</c> prefix) and old formats, and the multi-line "fallen off the bus" message that newer drivers print
/// without an XID (de-duplicated against an XID 79 for the same GPU within five minutes, or earlier in the same input
/// when the lines carry no monotonic timestamps). Malformed <c>NVRM: Xid</c> lines are reported, never fatal.
/// </summary>
public static partial class KernelLogParser
{
    /// <summary>The default limit on the length of one line; longer lines are cut and reported.</summary>
    public const int DefaultMaxLineLength = 64 * 1024;

    private const string XidMarker = "NVRM: Xid";
    private const int LostLookback = 4;
    private static readonly TimeSpan s_dedupWindow = TimeSpan.FromMinutes(5);

    /// <summary>Parses kernel log text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="maxLines">Stop after this many lines (reported as a diagnostic).</param>
    /// <param name="maxLineLength">Cut lines longer than this (reported).</param>
    /// <returns>The events and diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive.</exception>
    public static KernelLogParseResult Parse(
        TextReader reader,
        int maxLines = 10_000_000,
        int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLines);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineLength);
        List<KernelEvent> events = [];
        List<Diagnostic> diagnostics = [];
        List<(string Bus, double? Seconds)> xid79 = [];
        string pendingGpu = "";
        string pendingTimestamp = "";
        int pendingLine = 0;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (lineNumber > maxLines)
            {
                diagnostics.Add(new Diagnostic(lineNumber, 0, $"stopped after the limit of {maxLines} lines"));
                lineNumber--;
                break;
            }

            if (line.Length > maxLineLength)
            {
                diagnostics.Add(new Diagnostic(lineNumber, maxLineLength + 1, $"line longer than {maxLineLength} characters was cut"));
                line = line[..maxLineLength];
            }

            int nvrm = line.IndexOf("NVRM:", StringComparison.Ordinal);
            if (nvrm < 0)
            {
                continue;
            }

            string timestamp = ReadTimestamp(line);
            int xidAt = line.IndexOf(XidMarker, StringComparison.Ordinal);
            if (xidAt >= 0)
            {
                KernelEvent? evt = ParseXid(line, xidAt, lineNumber, timestamp, diagnostics);
                if (evt is not null)
                {
                    events.Add(evt);
                    if (evt.Xid == 79)
                    {
                        xid79.Add((Bus(evt.Pci), MonotonicSeconds(timestamp)));
                    }
                }

                continue;
            }

            Match gpu = TheGpuRegex().Match(line, nvrm);
            if (gpu.Success)
            {
                pendingGpu = gpu.Groups[1].Value;
                pendingTimestamp = timestamp;
                pendingLine = lineNumber;
            }

            if (line.Contains("fallen off the bus", StringComparison.OrdinalIgnoreCase))
            {
                string pci = PciRegex().Match(line, nvrm) is { Success: true } m ? m.Value
                    : lineNumber - pendingLine <= LostLookback ? pendingGpu : "";
                int startLine = pci == pendingGpu && pendingLine > 0 ? pendingLine : lineNumber;
                // Continuation lines carry no timestamp; the message's first line does.
                double? seconds = MonotonicSeconds(timestamp.Length > 0 ? timestamp : startLine == pendingLine ? pendingTimestamp : "");
                if (!IsDuplicateOf79(xid79, Bus(pci), seconds))
                {
                    string ts = timestamp.Length > 0 ? timestamp : startLine == pendingLine ? pendingTimestamp : "";
                    events.Add(new KernelEvent(KernelEventKind.GpuLost, startLine, 0, pci, "", "", "GPU has fallen off the bus", ts, ""));
                }

                pendingGpu = "";
                pendingLine = 0;
            }
        }

        return new KernelLogParseResult(events, diagnostics, lineNumber);
    }

    /// <summary>Parses a single line; returns null when it holds no device event.</summary>
    /// <param name="line">The line.</param>
    /// <param name="diagnostic">Why an <c>NVRM: Xid</c> line was rejected; null otherwise.</param>
    /// <returns>The event or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is null.</exception>
    public static KernelEvent? ParseLine(string line, out Diagnostic? diagnostic)
    {
        ArgumentNullException.ThrowIfNull(line);
        KernelLogParseResult result = Parse(new StringReader(line));
        diagnostic = result.Diagnostics.Count > 0 ? result.Diagnostics[0] : null;
        return result.Events.Count > 0 ? result.Events[0] : null;
    }

    private static KernelEvent? ParseXid(string line, int xidAt, int lineNumber, string timestamp, List<Diagnostic> diagnostics)
    {
        Match m = XidRegex().Match(line, xidAt + XidMarker.Length);
        if (!m.Success || m.Index != xidAt + XidMarker.Length)
        {
            diagnostics.Add(new Diagnostic(
                lineNumber,
                xidAt + XidMarker.Length + 1,
                "malformed NVRM Xid line: expected '(PCI:dddd:bb:dd): <number>' after 'NVRM: Xid'"));
            return null;
        }

        if (!int.TryParse(m.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int xid) || xid <= 0)
        {
            diagnostics.Add(new Diagnostic(lineNumber, m.Groups[2].Index + 1, $"XID '{m.Groups[2].Value}' is out of range"));
            return null;
        }

        string rest = m.Groups[3].Success ? m.Groups[3].Value.Trim() : "";
        string pid = "";
        string name = "";
        string detail = rest;
        if (rest.StartsWith("pid=", StringComparison.Ordinal))
        {
            (pid, detail) = TakeField(rest, 4);
            if (detail.StartsWith("name=", StringComparison.Ordinal))
            {
                (name, detail) = TakeField(detail, 5);
            }
        }

        string recovery = "";
        if (xid == 154)
        {
            Match r = RecoveryRegex().Match(detail);
            recovery = r.Success ? r.Groups[1].Value : "";
        }

        return new KernelEvent(KernelEventKind.Xid, lineNumber, xid, m.Groups[1].Value, pid, name, detail, timestamp, recovery);
    }

    private static (string Value, string Remainder) TakeField(string text, int start)
    {
        int comma = text.IndexOf(", ", start, StringComparison.Ordinal);
        return comma < 0 ? (text[start..], "") : (text[start..comma], text[(comma + 2)..]);
    }

    private static string ReadTimestamp(string line)
    {
        int open = line.IndexOf('[', StringComparison.Ordinal);
        if (open != 0)
        {
            return "";
        }

        int close = line.IndexOf(']', StringComparison.Ordinal);
        return close > 1 ? line[1..close].Trim() : "";
    }

    private static double? MonotonicSeconds(string timestamp) =>
        double.TryParse(timestamp, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double s) ? s : null;

    private static string Bus(string pci)
    {
        string p = pci.ToUpperInvariant();
        int dot = p.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? p[..dot] : p;
    }

    private static bool IsDuplicateOf79(List<(string Bus, double? Seconds)> xid79, string bus, double? seconds)
    {
        foreach ((string b, double? s) in xid79)
        {
            if (b != bus)
            {
                continue;
            }

            if (s is null || seconds is null || Math.Abs(seconds.Value - s.Value) <= s_dedupWindow.TotalSeconds)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\G\s*\((?:PCI:)?([0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}(?:\.[0-9a-fA-F])?)\):\s*(\d{1,9})(?:\s*,\s*(.*))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex XidRegex();

    [GeneratedRegex(@"NVRM: The NVIDIA GPU ([0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}(?:\.[0-9a-fA-F])?)", RegexOptions.CultureInvariant)]
    private static partial Regex TheGpuRegex();

    [GeneratedRegex(@"[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}(?:\.[0-9a-fA-F])?", RegexOptions.CultureInvariant)]
    private static partial Regex PciRegex();

    [GeneratedRegex(@"\bto 0x[0-9a-fA-F]+ \(([^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex RecoveryRegex();
}
