using System.Collections.Frozen;
using System.Globalization;
using DeviceHealth.Devices;

namespace DeviceHealth.Signals;

/// <summary>
/// Which XIDs are health-checked, with the NVIDIA device plugin's semantics: a default skip list
/// (13, 31, 43, 45, 68, 109), <c>DP_DISABLE_HEALTHCHECKS</c> (<c>all</c>, <c>xids</c>, or a comma list of extra XIDs to
/// skip) and <c>DP_ENABLE_HEALTHCHECKS</c> (a comma list of XIDs forced on, overriding every disable, so
/// <c>all</c> + <c>79</c> means "only 79"). Malformed list entries are reported in <see cref="Diagnostics"/> and ignored.
/// </summary>
public sealed class XidPolicy
{
    /// <summary>The device plugin's default skip list: application errors, GPU still healthy.</summary>
    public static readonly IReadOnlyList<int> DefaultSkipped = [13, 31, 43, 45, 68, 109];

    private readonly FrozenSet<int> _skipped;
    private readonly FrozenSet<int> _forced;
    private readonly bool _allDisabled;
    private readonly XidCatalog _catalog;

    /// <summary>Creates a policy.</summary>
    /// <param name="disabled">The <c>DP_DISABLE_HEALTHCHECKS</c> value (null or empty: none).</param>
    /// <param name="enabled">The <c>DP_ENABLE_HEALTHCHECKS</c> value (null or empty: none).</param>
    /// <param name="catalog">The catalog (default: <see cref="XidCatalog.Default"/>).</param>
    public XidPolicy(string? disabled = null, string? enabled = null, XidCatalog? catalog = null)
    {
        _catalog = catalog ?? XidCatalog.Default;
        List<Diagnostic> diagnostics = [];
        HashSet<int> skipped = [.. DefaultSkipped];
        ParseList(disabled, skipped, diagnostics, ref _allDisabled);
        HashSet<int> forced = [];
        bool ignored = false;
        ParseList(enabled, forced, diagnostics, ref ignored);
        _skipped = skipped.ToFrozenSet();
        _forced = forced.ToFrozenSet();
        Diagnostics = diagnostics;
    }

    /// <summary>The default policy (default skip list, no overrides).</summary>
    public static XidPolicy Default { get; } = new();

    /// <summary>Malformed entries of the override lists (ignored, as the device plugin does).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The catalog used for classes.</summary>
    public XidCatalog Catalog => _catalog;

    /// <summary>Whether an XID is health-checked (would make the device plugin mark the device Unhealthy).</summary>
    /// <param name="xid">The XID.</param>
    /// <returns>True when checked.</returns>
    public bool IsChecked(int xid)
    {
        if (_forced.Contains(xid))
        {
            return true;
        }

        return !_allDisabled && !_skipped.Contains(xid);
    }

    /// <summary>
    /// The effective class of an XID: the catalog class, except that an XID that is not checked never counts as more
    /// than <see cref="FaultClass.App"/>, and a forced XID whose catalog class is App or Info counts as
    /// <see cref="FaultClass.Unknown"/> (fatal).
    /// </summary>
    /// <param name="xid">The XID.</param>
    /// <returns>The effective class.</returns>
    public FaultClass Classify(int xid)
    {
        FaultClass cls = _catalog.ClassOf(xid);
        if (_forced.Contains(xid))
        {
            return cls is FaultClass.App or FaultClass.Info or FaultClass.FollowPreceding ? FaultClass.Unknown : cls;
        }

        if (!IsChecked(xid))
        {
            return cls is FaultClass.Info ? FaultClass.Info
                : cls is FaultClass.FollowPreceding ? FaultClass.FollowPreceding
                : FaultClass.App;
        }

        return cls;
    }

    /// <summary>
    /// The effective class of a kernel event: GPU lost is <see cref="FaultClass.NodeReboot"/>; XID 154 takes the
    /// recovery action it names (none: Info; reset: DeviceReset; reboot: NodeReboot); others go through
    /// <see cref="Classify(int)"/>.
    /// </summary>
    /// <param name="evt">The event.</param>
    /// <returns>The effective class.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evt"/> is null.</exception>
    public FaultClass Classify(KernelEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (evt.Kind == KernelEventKind.GpuLost)
        {
            return FaultClass.NodeReboot;
        }

        if (evt.Xid == 154 && evt.RecoveryAction.Length > 0)
        {
            string a = evt.RecoveryAction;
            return a.Equals("None", StringComparison.OrdinalIgnoreCase) ? FaultClass.Info
                : a.Contains("Reboot", StringComparison.OrdinalIgnoreCase) ? FaultClass.NodeReboot
                : a.Contains("Reset", StringComparison.OrdinalIgnoreCase) ? FaultClass.DeviceReset
                : FaultClass.Unknown;
        }

        return Classify(evt.Xid);
    }

    /// <summary>Checks an override list without building a policy.</summary>
    /// <param name="value">The list.</param>
    /// <param name="allowAll">Whether <c>all</c> / <c>xids</c> is accepted.</param>
    /// <param name="xids">The XIDs parsed.</param>
    /// <param name="all">Whether the value was <c>all</c> or <c>xids</c>.</param>
    /// <returns>True when every entry is valid.</returns>
    public static bool TryParseList(string? value, bool allowAll, out IReadOnlyList<int> xids, out bool all)
    {
        HashSet<int> set = [];
        List<Diagnostic> diagnostics = [];
        all = false;
        ParseList(value, set, diagnostics, ref all);
        xids = [.. set.Order()];
        return diagnostics.Count == 0 && (allowAll || !all);
    }

    private static void ParseList(string? value, HashSet<int> into, List<Diagnostic> diagnostics, ref bool all)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        int column = 1;
        foreach (string part in value.Split(','))
        {
            string item = part.Trim();
            if (item.Equals("all", StringComparison.OrdinalIgnoreCase) || item.Equals("xids", StringComparison.OrdinalIgnoreCase))
            {
                all = true;
            }
            else if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int xid) && xid > 0)
            {
                into.Add(xid);
            }
            else if (item.Length > 0)
            {
                diagnostics.Add(new Diagnostic(1, column, $"expected an XID number, 'all' or 'xids', found '{item}'"));
            }

            column += part.Length + 1;
        }
    }
}
