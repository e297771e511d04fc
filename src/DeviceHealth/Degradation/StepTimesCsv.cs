using System.Globalization;
using DeviceHealth.Signals;

namespace DeviceHealth.Degradation;

/// <summary>
/// Reads per-rank step timings in the CSV layout <c>rank, dp_rank, pp_stage, step, step_span_s, forward_compute_s,
/// backward_compute_s, compute_s, comm_s, op_count</c> (extra columns are ignored; an optional <c>tp_group</c> column
/// joins the role key). The role key is the pipeline stage (plus the TP group when present).
/// </summary>
public static class StepTimesCsv
{
    /// <summary>Reads samples.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="metric">The column used as the time (default <c>compute_s</c>).</param>
    /// <param name="diagnostics">Receives rows that were skipped, with line numbers.</param>
    /// <param name="maxRows">The most rows read.</param>
    /// <returns>The samples.</returns>
    /// <exception cref="DeviceHealthException">The header lacks a required column.</exception>
    public static IReadOnlyList<StepSample> Read(
        TextReader reader,
        string metric,
        ICollection<Diagnostic> diagnostics,
        int maxRows = 10_000_000)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(diagnostics);
        List<(int Line, string[] Fields)> rows = CsvReader.ReadAll(reader, maxRows + 1);
        if (rows.Count == 0)
        {
            throw new DeviceHealthException("The step-times CSV is empty; expected a header row.", 1, 0);
        }

        string[] header = [.. rows[0].Fields.Select(static h => h.Trim())];
        int rank = Required(header, "rank");
        int stage = Required(header, "pp_stage");
        int step = Required(header, "step");
        int value = Required(header, metric);
        int tp = Array.IndexOf(header, "tp_group");
        List<StepSample> samples = new(rows.Count - 1);
        for (int i = 1; i < rows.Count; i++)
        {
            (int line, string[] f) = rows[i];
            if (f.Length < header.Length)
            {
                diagnostics.Add(new Diagnostic(line, 0, $"expected {header.Length} fields, found {f.Length}"));
                continue;
            }

            if (!int.TryParse(f[rank], NumberStyles.Integer, CultureInfo.InvariantCulture, out int r)
                || !long.TryParse(f[step], NumberStyles.Integer, CultureInfo.InvariantCulture, out long s)
                || r < 0 || s < 0)
            {
                diagnostics.Add(new Diagnostic(line, 0, $"expected non-negative integer rank and step, found '{f[rank]}' and '{f[step]}'"));
                continue;
            }

            if (!double.TryParse(f[value], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
                || !double.IsFinite(seconds) || seconds <= 0)
            {
                diagnostics.Add(new Diagnostic(line, 0, $"expected a positive number in '{metric}', found '{f[value]}'"));
                continue;
            }

            string role = "pp" + f[stage].Trim() + (tp >= 0 ? "/tp" + f[tp].Trim() : "");
            samples.Add(new StepSample(r, role, s, seconds));
        }

        return samples;
    }

    private static int Required(string[] header, string name)
    {
        int i = Array.IndexOf(header, name);
        return i >= 0 ? i : throw new DeviceHealthException($"The step-times CSV header has no '{name}' column.", 1, 0);
    }
}
