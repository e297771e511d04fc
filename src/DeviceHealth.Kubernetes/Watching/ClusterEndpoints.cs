using k8s;
using k8s.Models;

namespace DeviceHealth.Kubernetes.Watching;

/// <summary>The list and watch calls for the resources DeviceHealth watches.</summary>
internal static class ClusterEndpoints
{
    public static ResourceEndpoints<V1Node, V1NodeList> Nodes(IKubernetes client, string labelSelector)
    {
        string? selector = labelSelector.Length == 0 ? null : labelSelector;
        return new ResourceEndpoints<V1Node, V1NodeList>(
            ct => client.CoreV1.ListNodeAsync(labelSelector: selector, cancellationToken: ct),
            (resourceVersion, timeoutSeconds, onError, ct) => client.CoreV1.WatchListNodeAsync(
                allowWatchBookmarks: true,
                labelSelector: selector,
                resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds,
                onError: onError,
                cancellationToken: ct));
    }

    public static ResourceEndpoints<V1Pod, V1PodList> Pods(IKubernetes client)
    {
        return new ResourceEndpoints<V1Pod, V1PodList>(
            ct => client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct),
            (resourceVersion, timeoutSeconds, onError, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(
                allowWatchBookmarks: true,
                resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds,
                onError: onError,
                cancellationToken: ct));
    }
}
