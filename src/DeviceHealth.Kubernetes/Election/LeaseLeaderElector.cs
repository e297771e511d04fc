using System.Diagnostics.Metrics;
using System.Net;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Internal;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DeviceHealth.Kubernetes.Election;

/// <summary>
/// Leader election through a <c>coordination.k8s.io/v1</c> Lease, with every clock reading and wait taken from a
/// <see cref="TimeProvider"/>. A candidate takes the Lease when it is absent, released (no holder), or not renewed
/// for <c>leaseDurationSeconds</c> as measured on the candidate's own clock since it last saw the record change (so
/// clock skew between replicas does not matter). Every write carries the Lease's resourceVersion, so of two racing
/// candidates exactly one wins (the other gets 409). The leader renews every
/// <see cref="DeviceHealthKubernetesOptions.RetryPeriod"/> and steps down when it sees another holder or cannot renew
/// within <see cref="DeviceHealthKubernetesOptions.RenewDeadline"/>; on shutdown it releases the Lease so that a
/// successor need not wait for it to expire.
/// </summary>
public sealed class LeaseLeaderElector
{
    private readonly IKubernetes _client;
    private readonly DeviceHealthKubernetesOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KubernetesMetrics _metrics;
    private LeaseRecord? _observed;
    private DateTimeOffset _observedAt;
    private volatile bool _isLeader;

    /// <summary>Creates an elector.</summary>
    /// <param name="client">The Kubernetes client.</param>
    /// <param name="options">The Lease name, namespace, identity and timings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger, or null for none.</param>
    /// <param name="meterFactory">Creates the <c>DeviceHealth.Kubernetes</c> meter, or null for a standalone meter.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/>, <paramref name="options"/> or
    /// <paramref name="time"/> is null.</exception>
    public LeaseLeaderElector(
        IKubernetes client,
        IOptions<DeviceHealthKubernetesOptions> options,
        TimeProvider time,
        ILogger<LeaseLeaderElector>? logger = null,
        IMeterFactory? meterFactory = null)
        : this(client, options?.Value!, time, logger, new KubernetesMetrics(meterFactory))
    {
    }

    internal LeaseLeaderElector(
        IKubernetes client,
        DeviceHealthKubernetesOptions options,
        TimeProvider time,
        ILogger? logger,
        KubernetesMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
    }

    /// <summary>True while this replica holds the Lease and runs the leader's work.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>
    /// Campaigns for the Lease until <paramref name="cancellationToken"/> is cancelled. Each time it wins, it runs
    /// <paramref name="whileLeading"/> with a token that is cancelled when leadership is lost; it then campaigns again.
    /// </summary>
    /// <param name="whileLeading">The leader's work.</param>
    /// <param name="cancellationToken">Stops the campaign; a held Lease is released.</param>
    /// <returns>A task that completes when the campaign stops.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="whileLeading"/> is null.</exception>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                while (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false) != Attempt.Holding)
                {
                    await Task.Delay(_options.RetryPeriod, _time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await LeadAsync(whileLeading, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LeadAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        _isLeader = true;
        _metrics.LeadershipChanged(leading: true);
        Log.StartedLeading(_logger, _options.Identity, _options.LeaseNamespace, _options.LeaseName);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task work = Task.Run(() => whileLeading(leading.Token), CancellationToken.None);
        try
        {
            await RenewWhileWorkingAsync(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _isLeader = false;
            await leading.CancelAsync().ConfigureAwait(false);
            _metrics.LeadershipChanged(leading: false);
            Log.StoppedLeading(_logger, _options.Identity, _options.LeaseNamespace, _options.LeaseName);
            try
            {
                await work.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
                // The work stopped because leadership ended.
            }
            finally
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    await ReleaseAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private async Task RenewWhileWorkingAsync(Task work, CancellationToken cancellationToken)
    {
        DateTimeOffset lastRenewal = _time.GetUtcNow();
        while (true)
        {
            var wait = Task.Delay(_options.RetryPeriod, _time, cancellationToken);
            if (await Task.WhenAny(wait, work).ConfigureAwait(false) == work || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            Attempt attempt;
            try
            {
                attempt = await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (attempt == Attempt.Holding)
            {
                lastRenewal = _time.GetUtcNow();
            }
            else if (attempt == Attempt.HeldByOther || _time.GetUtcNow() - lastRenewal > _options.RenewDeadline)
            {
                return;
            }
        }
    }

    /// <summary>One read-and-write round on the Lease.</summary>
    internal async Task<Attempt> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        try
        {
            using var timeout = new RequestTimeout(
                _options.RequestTimeout < _options.RenewDeadline ? _options.RequestTimeout : _options.RenewDeadline,
                _time,
                cancellationToken);
            V1Lease? lease = await ReadAsync(timeout.Token).ConfigureAwait(false);
            if (lease is null)
            {
                await _client.CoordinationV1.CreateNamespacedLeaseAsync(
                        NewLease(now, transitions: 0),
                        _options.LeaseNamespace,
                        cancellationToken: timeout.Token)
                    .ConfigureAwait(false);
                return Attempt.Holding;
            }

            var spec = lease.Spec ?? new V1LeaseSpec();
            var record = new LeaseRecord(spec.HolderIdentity ?? "", spec.RenewTime, spec.LeaseTransitions ?? 0);
            if (record != _observed)
            {
                _observed = record;
                _observedAt = now;
            }

            bool mine = record.Holder == _options.Identity;
            int durationSeconds = spec.LeaseDurationSeconds ?? (int)_options.LeaseDuration.TotalSeconds;
            bool expired = _observedAt + TimeSpan.FromSeconds(durationSeconds) <= now;
            if (!mine && record.Holder.Length > 0 && !expired)
            {
                Log.LeaseHeldByOther(_logger, _options.LeaseNamespace, _options.LeaseName, record.Holder);
                return Attempt.HeldByOther;
            }

            var updated = NewLease(now, mine ? record.Transitions : record.Transitions + 1);
            updated.Metadata.ResourceVersion = lease.Metadata?.ResourceVersion;
            if (mine && spec.AcquireTime is { } acquired)
            {
                updated.Spec.AcquireTime = acquired;
            }

            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(
                    updated,
                    _options.LeaseName,
                    _options.LeaseNamespace,
                    cancellationToken: timeout.Token)
                .ConfigureAwait(false);
            return Attempt.Holding;
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            // Another candidate wrote first (create or update): it holds the Lease now.
            return Attempt.HeldByOther;
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.LeaseRequestFailed(_logger, _options.LeaseNamespace, _options.LeaseName, ex);
            return Attempt.Failed;
        }
    }

    private async Task<V1Lease?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _client.CoordinationV1.ReadNamespacedLeaseAsync(
                    _options.LeaseName,
                    _options.LeaseNamespace,
                    cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task ReleaseAsync()
    {
        // Best effort: clear the holder so that a successor does not wait for the Lease to expire.
        try
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
            V1Lease? lease = await ReadAsync(timeout.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != _options.Identity)
            {
                return;
            }

            // An empty holder (not a missing one) is what client-go writes on release, and what KubernetesClient's
            // own elector understands as "free" rather than "no Lease yet".
            var now = _time.GetUtcNow().UtcDateTime;
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.AcquireTime = now;
            lease.Spec.RenewTime = now;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(
                    lease,
                    _options.LeaseName,
                    _options.LeaseNamespace,
                    cancellationToken: timeout.Token)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            Log.LeaseRequestFailed(_logger, _options.LeaseNamespace, _options.LeaseName, ex);
        }
    }

    private V1Lease NewLease(DateTimeOffset now, int transitions) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta { Name = _options.LeaseName, NamespaceProperty = _options.LeaseNamespace },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = _options.Identity,
            LeaseDurationSeconds = (int)_options.LeaseDuration.TotalSeconds,
            AcquireTime = now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseTransitions = transitions,
        },
    };

    /// <summary>The result of one round on the Lease.</summary>
    internal enum Attempt
    {
        /// <summary>This replica holds the Lease (acquired or renewed).</summary>
        Holding,

        /// <summary>Another replica holds a Lease that has not expired, or won a race.</summary>
        HeldByOther,

        /// <summary>The API server could not be reached or refused.</summary>
        Failed,
    }

    private sealed record LeaseRecord(string Holder, DateTime? RenewTime, int Transitions);
}
