using System.Collections.Frozen;
using DeviceHealth.Devices;

namespace DeviceHealth.Signals;

/// <summary>
/// The XID catalog shipped with the package (an embedded CSV compiled from NVIDIA's XID catalog and the policies of
/// the device plugin, the DRA driver, NVSentinel, gpud and Meta's GCM; see the package README for provenance).
/// </summary>
public sealed class XidCatalog
{
    private static readonly Lazy<XidCatalog> s_default = new(LoadEmbedded);

    private readonly FrozenDictionary<int, XidInfo> _entries;

    private XidCatalog(FrozenDictionary<int, XidInfo> entries, IReadOnlyList<Diagnostic> diagnostics)
    {
        _entries = entries;
        Diagnostics = diagnostics;
    }

    /// <summary>The embedded catalog.</summary>
    public static XidCatalog Default => s_default.Value;

    /// <summary>Rows that could not be read (empty for the embedded catalog).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The number of XIDs known.</summary>
    public int Count => _entries.Count;

    /// <summary>Looks an XID up.</summary>
    /// <param name="xid">The XID.</param>
    /// <param name="info">The row when found.</param>
    /// <returns>True when the catalog knows the XID.</returns>
    public bool TryGet(int xid, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out XidInfo? info) =>
        _entries.TryGetValue(xid, out info);

    /// <summary>The catalog class of an XID; <see cref="FaultClass.Unknown"/> for XIDs not in the catalog.</summary>
    /// <param name="xid">The XID.</param>
    /// <returns>The class.</returns>
    public FaultClass ClassOf(int xid) => _entries.TryGetValue(xid, out XidInfo? info) ? info.Class : FaultClass.Unknown;

    /// <summary>Reads a catalog in the shipped CSV layout (header row with <c>xid</c>, <c>mnemonic</c>,
    /// <c>proposed_class</c>, ...). Bad rows are reported in <see cref="Diagnostics"/> and skipped.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="DeviceHealthException">The header lacks a required column.</exception>
    public static XidCatalog Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        List<(int Line, string[] Fields)> rows = CsvReader.ReadAll(reader, maxRecords: 100_000);
        List<Diagnostic> diagnostics = [];
        Dictionary<int, XidInfo> entries = [];
        if (rows.Count == 0)
        {
            return new XidCatalog(entries.ToFrozenDictionary(), diagnostics);
        }

        string[] header = rows[0].Fields;
        int xidCol = Column(header, "xid");
        int mnemonicCol = Column(header, "mnemonic");
        int summaryCol = Column(header, "summary");
        int classCol = Column(header, "proposed_class");
        int actionCol = Column(header, "nvidia_immediate_action");
        int pluginCol = Column(header, "k8s_device_plugin_default");
        for (int i = 1; i < rows.Count; i++)
        {
            (int line, string[] f) = rows[i];
            if (f.Length != header.Length)
            {
                diagnostics.Add(new Diagnostic(line, 0, $"expected {header.Length} fields, found {f.Length}"));
                continue;
            }

            if (!int.TryParse(f[xidCol], System.Globalization.NumberStyles.None, null, out int xid) || xid <= 0)
            {
                diagnostics.Add(new Diagnostic(line, 0, $"expected a positive XID number, found '{f[xidCol]}'"));
                continue;
            }

            FaultClass cls = ParseClass(f[classCol]);
            entries[xid] = new XidInfo(xid, f[mnemonicCol], f[summaryCol], cls, f[actionCol], f[pluginCol] == "ignored");
        }

        return new XidCatalog(entries.ToFrozenDictionary(), diagnostics);
    }

    internal static FaultClass ParseClass(string value) => value switch
    {
        "app" => FaultClass.App,
        "info" => FaultClass.Info,
        "device-reset" => FaultClass.DeviceReset,
        "device-reset-or-fabric" => FaultClass.Fabric,
        "node-reboot" => FaultClass.NodeReboot,
        "held-for-human" => FaultClass.HeldForHuman,
        "follow-preceding" => FaultClass.FollowPreceding,
        _ => FaultClass.Unknown,
    };

    private static int Column(string[] header, string name)
    {
        int index = Array.IndexOf(header, name);
        if (index < 0)
        {
            throw new DeviceHealthException($"XID catalog header has no '{name}' column.", line: 1, column: 0);
        }

        return index;
    }

    private static XidCatalog LoadEmbedded()
    {
        using Stream stream = typeof(XidCatalog).Assembly.GetManifestResourceStream("DeviceHealth.xid_catalog.csv")
            ?? throw new DeviceHealthException("The embedded XID catalog is missing from the assembly.", 0, 0);
        using StreamReader reader = new(stream);
        return Load(reader);
    }
}
