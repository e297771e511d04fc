using System.Threading.Channels;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Tests.FakeApi;
using DeviceHealth.Kubernetes.Watching;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeviceHealth.Kubernetes.Tests.Watching;

public sealed class ResourceWatcherTests : IAsyncLifetime
{
    private FakeKubernetesApiServer _server = null!;
    private readonly Channel<ResourceChange<V1Node>> _changes = Channel.CreateUnbounded<ResourceChange<V1Node>>();
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(20));
    private Task _run = Task.CompletedTask;

    public async Task InitializeAsync() => _server = await FakeKubernetesApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(5));
        await _server.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task RunAsync_ListThenWatch_DeliversListedObjectsSyncThenChangesInOrder()
    {
        _server.Store.Put("nodes", TestObjects.Node("n1", 8, 8));
        _server.Store.Put("nodes", TestObjects.Node("n2", 8, 8));
        var watcher = Start();

        Assert.Equal(("n1", ResourceChangeKind.Upserted), await NextAsync());
        Assert.Equal(("n2", ResourceChangeKind.Upserted), await NextAsync());
        Assert.Equal(("", ResourceChangeKind.Synced), await NextAsync());

        await FakeKubernetesApiServer.WaitUntilAsync(() => _server.ActiveWatches == 1, "the watch to open");
        _server.Store.Put("nodes", TestObjects.Node("n1", 8, 7));
        _server.Store.Delete("nodes", "", "n2", null);

        var modified = await _changes.Reader.ReadAsync(_stop.Token);
        Assert.Equal(ResourceChangeKind.Upserted, modified.Kind);
        Assert.Equal("7", modified.Object!.Status.Allocatable["nvidia.com/gpu"].ToString());
        Assert.Equal(("n2", ResourceChangeKind.Deleted), await NextAsync());
        Assert.Equal(1, watcher.Count);

        // The watch started from the list's resourceVersion with bookmarks requested.
        var watch = _server.Requests.Single(r => r.Query.Contains("watch=true", StringComparison.Ordinal));
        Assert.Contains("allowWatchBookmarks=true", watch.Query, StringComparison.Ordinal);
        Assert.Contains("resourceVersion=1002", watch.Query, StringComparison.Ordinal); // 1000 + two puts
    }

    [Fact]
    public async Task RunAsync_WatchExpiredWith410_RelistsAndDeliversDeletionsMissedMeanwhile()
    {
        _server.Store.Put("nodes", TestObjects.Node("n1", 8, 8));
        _server.Store.Put("nodes", TestObjects.Node("n2", 8, 8));
        Start();
        for (int i = 0; i < 3; i++)
        {
            await NextAsync();
        }

        await FakeKubernetesApiServer.WaitUntilAsync(() => _server.ActiveWatches == 1, "the watch to open");

        // While the connection is down, n2 goes away and the change log is compacted: the resumed watch gets
        // an ERROR event with 410 Gone, so the watcher must relist to notice that n2 is gone.
        _server.DropWatches();
        _server.Store.Delete("nodes", "", "n2", null);
        _server.Store.Compact();

        var seen = new List<(string, ResourceChangeKind)>();
        while (seen.Count < 3)
        {
            seen.Add(await NextAsync());
        }

        Assert.Equal(
            [("n1", ResourceChangeKind.Upserted), ("n2", ResourceChangeKind.Deleted), ("", ResourceChangeKind.Synced)],
            seen);
        int lists = _server.Requests.Count(r => r.Path == "/api/v1/nodes" && !r.Query.Contains("watch=true"));
        Assert.Equal(2, lists);
    }

    [Fact]
    public async Task RunAsync_ConnectionDropped_ResumesFromLastEventWithoutRelistOrDuplicates()
    {
        _server.Store.Put("nodes", TestObjects.Node("n1", 8, 8));
        var watcher = Start();
        await NextAsync();
        await NextAsync();
        await FakeKubernetesApiServer.WaitUntilAsync(() => _server.ActiveWatches == 1, "the watch to open");
        _server.Store.Put("nodes", TestObjects.Node("n2", 8, 8)); // resourceVersion 1002
        Assert.Equal(("n2", ResourceChangeKind.Upserted), await NextAsync());

        _server.DropWatches();
        _server.Store.Put("nodes", TestObjects.Node("n3", 8, 8)); // resourceVersion 1003, while reconnecting

        Assert.Equal(("n3", ResourceChangeKind.Upserted), await NextAsync());
        await FakeKubernetesApiServer.WaitUntilAsync(() => _server.ActiveWatches == 1, "the watch to reopen");
        Assert.False(_changes.Reader.TryRead(out _));
        Assert.Equal(1, _server.Requests.Count(r => r.Path == "/api/v1/nodes" && !r.Query.Contains("watch=true")));
        var resumed = _server.Requests.Where(r => r.Query.Contains("watch=true", StringComparison.Ordinal)).ElementAt(1);
        Assert.Contains("resourceVersion=1002", resumed.Query, StringComparison.Ordinal);
        Assert.Equal(3, watcher.Count);
    }

    [Fact]
    public async Task RunAsync_AfterBookmark_ResumesFromTheBookmarksResourceVersion()
    {
        _server.Store.Put("nodes", TestObjects.Node("n1", 8, 8));
        var watcher = Start();
        await NextAsync();
        await NextAsync();
        await FakeKubernetesApiServer.WaitUntilAsync(() => _server.ActiveWatches == 1, "the watch to open");

        _server.Store.Bookmark("nodes", "Node"); // resourceVersion 1002
        await FakeKubernetesApiServer.WaitUntilAsync(() => watcher.ResourceVersion == "1002", "the bookmark");
        _server.DropWatches();

        await FakeKubernetesApiServer.WaitUntilAsync(
            () => _server.Requests.Count(r => r.Query.Contains("watch=true", StringComparison.Ordinal)) == 2,
            "the watch to be resumed");
        var resumed = _server.Requests.Last(r => r.Query.Contains("watch=true", StringComparison.Ordinal));
        Assert.Contains("resourceVersion=1002", resumed.Query, StringComparison.Ordinal);
        Assert.False(_changes.Reader.TryRead(out _)); // a bookmark is not a change
    }

    [Fact]
    public async Task RunAsync_ListFailsWithServerError_RetriesWithBackoffThenLists()
    {
        _server.Store.Put("nodes", TestObjects.Node("n1", 8, 8));
        _server.InjectFault("GET", "/api/v1/nodes", 500);
        _server.InjectFault("GET", "/api/v1/nodes", 503);
        Start();

        Assert.Equal(("n1", ResourceChangeKind.Upserted), await NextAsync());
        // Two refused lists, then the one that succeeded.
        Assert.Equal(3, _server.Requests.Count(r => r.Path == "/api/v1/nodes" && !r.Query.Contains("watch=true")));
    }

    [Fact]
    public async Task RunAsync_ServerEndsWatchAtTimeout_ResumesWithoutRelisting()
    {
        _server.Store.Put("nodes", TestObjects.Node("n1", 8, 8));
        Start(o => o.WatchTimeout = TimeSpan.FromSeconds(1));
        await NextAsync();
        await NextAsync();

        await FakeKubernetesApiServer.WaitUntilAsync(
            () => _server.Requests.Count(r => r.Query.Contains("watch=true", StringComparison.Ordinal)) >= 2,
            "the watch to be resumed after the server ended it");
        Assert.Equal(1, _server.Requests.Count(r => r.Path == "/api/v1/nodes" && !r.Query.Contains("watch=true")));
        Assert.Contains(
            _server.Requests.Where(r => r.Query.Contains("watch=true", StringComparison.Ordinal)),
            r => r.Query.Contains("timeoutSeconds=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_CallbackThrows_ExceptionEscapes()
    {
        _server.Store.Put("nodes", TestObjects.Node("n1", 8, 8));
        var watcher = NewWatcher(_ => { });
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => watcher.RunAsync((_, _) => throw new InvalidOperationException("boom"), _stop.Token));
        Assert.Equal("boom", ex.Message);
    }

    [Property]
    public Property Backoff_AnyFailureCount_DoublesFromMinimumAndNeverExceedsMaximum(PositiveInt failures)
    {
        var watcher = NewWatcher(o =>
        {
            o.ReconnectMinDelay = TimeSpan.FromMilliseconds(100);
            o.ReconnectMaxDelay = TimeSpan.FromSeconds(30);
        });
        int n = failures.Get;
        var delay = watcher.Backoff(n);

        // 100 ms · 2^(n−1), capped at 30 s: 100, 200, 400, ... 25 600, then 30 000 from n = 10 on.
        double expected = Math.Min(100 * Math.Pow(2, Math.Min(n - 1, 30)), 30_000);
        return (Math.Abs(delay.TotalMilliseconds - expected) < 0.001 && watcher.Backoff(n + 1) >= delay)
            .Label($"n={n} delay={delay.TotalMilliseconds} expected={expected}");
    }

    private ResourceWatcher<V1Node, V1NodeList> Start(Action<DeviceHealthKubernetesOptions>? configure = null)
    {
        var watcher = NewWatcher(configure);
        _run = watcher.RunAsync(
            (change, ct) => _changes.Writer.WriteAsync(change, ct),
            _stop.Token);
        return watcher;
    }

    private ResourceWatcher<V1Node, V1NodeList> NewWatcher(Action<DeviceHealthKubernetesOptions>? configure)
    {
        var options = new DeviceHealthKubernetesOptions
        {
            ReconnectMinDelay = TimeSpan.FromMilliseconds(10),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return new ResourceWatcher<V1Node, V1NodeList>(
            "nodes",
            ClusterEndpoints.Nodes(_server.CreateClient(), ""),
            options,
            TimeProvider.System,
            NullLogger.Instance,
            new KubernetesMetrics());
    }

    private async Task<(string, ResourceChangeKind)> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var change = await _changes.Reader.ReadAsync(timeout.Token);
        return (change.Object?.Metadata.Name ?? "", change.Kind);
    }
}
