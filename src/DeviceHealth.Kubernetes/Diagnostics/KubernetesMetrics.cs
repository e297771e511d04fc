using System.Diagnostics.Metrics;

namespace DeviceHealth.Kubernetes.Diagnostics;

/// <summary>
/// The package's instruments on the meter <see cref="MeterName"/>: actions by outcome, watch restarts and leadership.
/// </summary>
internal sealed class KubernetesMetrics : IDisposable
{
    public const string MeterName = "DeviceHealth.Kubernetes";

    private readonly Meter _meter;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _watchRestarts;
    private readonly Counter<long> _leadershipChanges;

    public KubernetesMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _applied = _meter.CreateCounter<long>(
            "devicehealth.k8s.actions.applied",
            "{action}",
            "Actions written to the API server.");
        _skipped = _meter.CreateCounter<long>(
            "devicehealth.k8s.actions.skipped",
            "{action}",
            "Actions not written: already applied, target gone or replaced, not owned, held, deferred or dry run.");
        _failed = _meter.CreateCounter<long>(
            "devicehealth.k8s.actions.failed",
            "{action}",
            "Actions the API server refused or that could not be sent.");
        _watchRestarts = _meter.CreateCounter<long>(
            "devicehealth.k8s.watch.restarts",
            "{restart}",
            "Watches restarted: by expiry (410 Gone, relist), error (backoff) or end of stream.");
        _leadershipChanges = _meter.CreateCounter<long>(
            "devicehealth.k8s.leadership.changes",
            "{change}",
            "Times this replica started or stopped leading.");
    }

    /// <summary>The meter the instruments belong to.</summary>
    public Meter Meter => _meter;

    public void ActionApplied(string action) => _applied.Add(1, new KeyValuePair<string, object?>("action", action));

    public void ActionSkipped(string action, string outcome) =>
        _skipped.Add(
            1,
            new KeyValuePair<string, object?>("action", action),
            new KeyValuePair<string, object?>("outcome", outcome));

    public void ActionFailed(string action) => _failed.Add(1, new KeyValuePair<string, object?>("action", action));

    public void WatchRestarted(string resource, string reason) =>
        _watchRestarts.Add(
            1,
            new KeyValuePair<string, object?>("resource", resource),
            new KeyValuePair<string, object?>("reason", reason));

    public void LeadershipChanged(bool leading) =>
        _leadershipChanges.Add(1, new KeyValuePair<string, object?>("leading", leading));

    public void Dispose() => _meter.Dispose();
}
