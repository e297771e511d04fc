using System.Net;
using System.Runtime.ExceptionServices;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Internal;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DeviceHealth.Kubernetes.Watching;

/// <summary>
/// Keeps a local copy of one resource with the list-then-watch protocol: list, watch from the list's resourceVersion
/// with bookmarks, resume from the last seen resourceVersion when a watch ends, relist on 410 Gone (delivering
/// deletions for objects that vanished meanwhile), and reconnect after errors with capped exponential backoff.
/// Changes are delivered one at a time, in order, to the callback of <see cref="RunAsync"/>.
/// </summary>
internal sealed class ResourceWatcher<T, TList>
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : class, IKubernetesObject<V1ListMeta>, IItems<T>
{
    private readonly string _resource;
    private readonly ResourceEndpoints<T, TList> _endpoints;
    private readonly DeviceHealthKubernetesOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KubernetesMetrics _metrics;
    private readonly Dictionary<string, T> _cache = new(StringComparer.Ordinal);
    private string? _resourceVersion;

    public ResourceWatcher(
        string resource,
        ResourceEndpoints<T, TList> endpoints,
        DeviceHealthKubernetesOptions options,
        TimeProvider time,
        ILogger logger,
        KubernetesMetrics metrics)
    {
        _resource = resource;
        _endpoints = endpoints;
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>The number of objects currently known.</summary>
    public int Count => _cache.Count;

    /// <summary>Where the next watch resumes; null when the next step is a list.</summary>
    public string? ResourceVersion => _resourceVersion;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; only the callback's exceptions escape.</summary>
    public async Task RunAsync(
        Func<ResourceChange<T>, CancellationToken, ValueTask> onChange,
        CancellationToken cancellationToken)
    {
        int failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_resourceVersion is null)
                {
                    _resourceVersion = await ListAsync(onChange, cancellationToken).ConfigureAwait(false);
                }

                var outcome = await WatchAsync(onChange, cancellationToken).ConfigureAwait(false);
                if (outcome.Gone)
                {
                    _metrics.WatchRestarted(_resource, "expired");
                    Log.WatchExpired(_logger, _resource);
                    _resourceVersion = null;
                    continue;
                }

                _metrics.WatchRestarted(_resource, "closed");
                Log.WatchEnded(_logger, _resource, _resourceVersion ?? "");
                if (outcome.Delivered)
                {
                    failures = 0;
                }
                else
                {
                    // A watch that ended without delivering anything must not turn into a busy loop.
                    await Task.Delay(_options.ReconnectMinDelay, _time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Gone)
            {
                _metrics.WatchRestarted(_resource, "expired");
                Log.WatchExpired(_logger, _resource);
                _resourceVersion = null;
            }
            catch (CallbackException ex)
            {
                ExceptionDispatchInfo.Capture(ex.Inner).Throw();
            }
            catch (Exception ex)
            {
                // The resume point is kept: the next watch continues after the last delivered event.
                failures++;
                var delay = Backoff(failures);
                _metrics.WatchRestarted(_resource, "error");
                Log.WatchFailed(_logger, _resource, delay, ex);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The delay before reconnect attempt <paramref name="failures"/>: min·2^(n−1), capped at the maximum.</summary>
    internal TimeSpan Backoff(int failures)
    {
        double factor = Math.Pow(2, Math.Min(failures - 1, 30));
        double ticks = Math.Min(_options.ReconnectMinDelay.Ticks * factor, _options.ReconnectMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private async Task<string> ListAsync(
        Func<ResourceChange<T>, CancellationToken, ValueTask> onChange,
        CancellationToken cancellationToken)
    {
        using var timeout = new RequestTimeout(_options.RequestTimeout, _time, cancellationToken);
        TList list = await _endpoints.List(timeout.Token).ConfigureAwait(false);

        string resourceVersion = list.Metadata?.ResourceVersion ?? "";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = list.Items ?? [];
        Log.Listed(_logger, _resource, items.Count, resourceVersion);
        foreach (var item in items)
        {
            string key = Key(item);
            seen.Add(key);
            _cache[key] = item;
            await Deliver(onChange, new ResourceChange<T>(ResourceChangeKind.Upserted, item), cancellationToken)
                .ConfigureAwait(false);
        }

        // Objects deleted while no watch was open are only noticed here.
        foreach (var key in _cache.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            var gone = _cache[key];
            _cache.Remove(key);
            await Deliver(onChange, new ResourceChange<T>(ResourceChangeKind.Deleted, gone), cancellationToken)
                .ConfigureAwait(false);
        }

        await Deliver(onChange, new ResourceChange<T>(ResourceChangeKind.Synced, null), cancellationToken)
            .ConfigureAwait(false);
        return resourceVersion;
    }

    private async Task<WatchOutcome> WatchAsync(
        Func<ResourceChange<T>, CancellationToken, ValueTask> onChange,
        CancellationToken cancellationToken)
    {
        int timeoutSeconds = (int)_options.WatchTimeout.TotalSeconds;
        using var idle = new CancellationTokenSource(_options.WatchTimeout + _options.WatchGracePeriod, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        bool gone = false;
        bool delivered = false;
        Exception? streamError = null;

        void OnError(Exception ex)
        {
            // The stream reports an ERROR event (a v1.Status) or an unreadable line through this callback.
            if (ex is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
            {
                gone = true;
            }
            else
            {
                streamError ??= ex;
            }

            stop.Cancel();
        }

        try
        {
            var events = _endpoints.Watch(_resourceVersion!, timeoutSeconds, OnError, stop.Token);
            await foreach (var (type, item) in events.ConfigureAwait(false))
            {
                string? version = item?.Metadata?.ResourceVersion;
                if (item is null || version is null)
                {
                    continue;
                }

                _resourceVersion = version;
                switch (type)
                {
                    case WatchEventType.Added:
                    case WatchEventType.Modified:
                        _cache[Key(item)] = item;
                        await Deliver(onChange, new(ResourceChangeKind.Upserted, item), cancellationToken)
                            .ConfigureAwait(false);
                        delivered = true;
                        break;

                    case WatchEventType.Deleted:
                        _cache.Remove(Key(item));
                        await Deliver(onChange, new(ResourceChangeKind.Deleted, item), cancellationToken)
                            .ConfigureAwait(false);
                        delivered = true;
                        break;

                    case WatchEventType.Bookmark:
                        delivered = true;
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (!gone && streamError is null)
            {
                streamError = new TimeoutException(
                    $"The watch of {_resource} sent nothing for {_options.WatchTimeout + _options.WatchGracePeriod}.");
            }
        }

        if (streamError is not null && !gone)
        {
            throw new IOException($"The watch of {_resource} failed: {streamError.Message}", streamError);
        }

        return new WatchOutcome(gone, delivered);
    }

    private static async ValueTask Deliver(
        Func<ResourceChange<T>, CancellationToken, ValueTask> onChange,
        ResourceChange<T> change,
        CancellationToken cancellationToken)
    {
        try
        {
            await onChange(change, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new CallbackException(ex);
        }
    }

    private static string Key(T item) => item.Metadata?.NamespaceProperty + "/" + item.Metadata?.Name;

    private readonly record struct WatchOutcome(bool Gone, bool Delivered);

    /// <summary>Carries an exception of the caller's callback past the watcher's own error handling.</summary>
    private sealed class CallbackException(Exception inner) : Exception(inner.Message, inner)
    {
        public Exception Inner { get; } = inner;
    }
}
