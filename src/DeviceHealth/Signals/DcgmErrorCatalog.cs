using System.Collections.Frozen;
using DeviceHealth.Devices;

namespace DeviceHealth.Signals;

/// <summary>
/// Maps DCGM health-incident error codes (<c>DCGM_FR_*</c>) to a fault class, from a CSV with the columns
/// <c>dcgm_error_code, recommended_action</c> (the layout of NVSentinel's <c>dcgmerrorsmapping.csv</c>). Actions map
/// to classes as follows: RESET_GPU is device-reset, NODE_REBOOT node-reboot, CHECK_FM_CONFIG fabric, RUN_FIELDDIAG
/// held-for-human, CHECK_THERMALS app (counted, never fatal alone), IGNORE and NONE info, anything else unknown.
/// </summary>
public sealed class DcgmErrorCatalog
{
    private readonly FrozenDictionary<string, (string Action, FaultClass Class)> _codes;

    private DcgmErrorCatalog(FrozenDictionary<string, (string, FaultClass)> codes, IReadOnlyList<Diagnostic> diagnostics)
    {
        _codes = codes;
        Diagnostics = diagnostics;
    }

    /// <summary>Rows that could not be read.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The number of codes known.</summary>
    public int Count => _codes.Count;

    /// <summary>Reads the CSV.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="DeviceHealthException">The header lacks a required column.</exception>
    public static DcgmErrorCatalog Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        List<(int Line, string[] Fields)> rows = CsvReader.ReadAll(reader, maxRecords: 100_000);
        List<Diagnostic> diagnostics = [];
        Dictionary<string, (string, FaultClass)> codes = new(StringComparer.Ordinal);
        string[] header = rows.Count > 0 ? rows[0].Fields : [];
        int code = Array.IndexOf(header, "dcgm_error_code");
        int action = Array.IndexOf(header, "recommended_action");
        if (code < 0 || action < 0)
        {
            throw new DeviceHealthException("DCGM error CSV header needs 'dcgm_error_code' and 'recommended_action'.", 1, 0);
        }

        foreach ((int line, string[] f) in rows.Skip(1))
        {
            if (f.Length != header.Length || !f[code].StartsWith("DCGM_FR_", StringComparison.Ordinal))
            {
                diagnostics.Add(new Diagnostic(line, 0, $"expected a DCGM_FR_* code and an action, found '{string.Join(",", f)}'"));
                continue;
            }

            codes[f[code]] = (f[action], ClassFor(f[action]));
        }

        return new DcgmErrorCatalog(codes.ToFrozenDictionary(StringComparer.Ordinal), diagnostics);
    }

    /// <summary>The fault class of a code; <see cref="FaultClass.Unknown"/> when the code is not listed.</summary>
    /// <param name="code">The <c>DCGM_FR_*</c> code.</param>
    /// <returns>The class.</returns>
    public FaultClass ClassOf(string code) => _codes.TryGetValue(code, out var v) ? v.Class : FaultClass.Unknown;

    /// <summary>The recommended action of a code, or an empty string.</summary>
    /// <param name="code">The <c>DCGM_FR_*</c> code.</param>
    /// <returns>The action as written in the CSV.</returns>
    public string ActionOf(string code) => _codes.TryGetValue(code, out var v) ? v.Action : "";

    /// <summary>Builds a device event for an incident.</summary>
    /// <param name="deviceId">The device.</param>
    /// <param name="code">The <c>DCGM_FR_*</c> code.</param>
    /// <param name="result">The DCGM health result: 10 (WARN) or 20 (FAIL).</param>
    /// <param name="sequence">The source's sequence number, or 0.</param>
    /// <returns>The event.</returns>
    public DeviceEvent ToEvent(string deviceId, string code, int result, long sequence = 0) =>
        new(DeviceEventKind.DcgmIncident, deviceId, result, ClassOf(code), sequence);

    internal static FaultClass ClassFor(string action) => action switch
    {
        "RESET_GPU" => FaultClass.DeviceReset,
        "NODE_REBOOT" => FaultClass.NodeReboot,
        "CHECK_FM_CONFIG" => FaultClass.Fabric,
        "RUN_FIELDDIAG" => FaultClass.HeldForHuman,
        "CHECK_THERMALS" => FaultClass.App,
        "IGNORE" or "NONE" => FaultClass.Info,
        _ => FaultClass.Unknown,
    };
}
