using k8s;

namespace DeviceHealth.Kubernetes.Watching;

/// <summary>The list and watch calls of one resource through KubernetesClient.</summary>
/// <param name="List">Lists every object (the list's resourceVersion is where the following watch starts).</param>
/// <param name="Watch">Watches with bookmarks from a resourceVersion, with a server-side timeout in seconds; stream
/// errors (an ERROR event, an unreadable line) are reported through the callback.</param>
internal sealed record ResourceEndpoints<T, TList>(
    Func<CancellationToken, Task<TList>> List,
    Func<string, int, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> Watch);
