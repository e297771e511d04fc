using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace DeviceHealth.Kubernetes.Tests.FakeApi;

/// <summary>
/// An in-memory Kubernetes API server on Kestrel, bound to 127.0.0.1 on a free port. It serves list, watch (chunked
/// JSON lines with bookmarks and 410 Gone), get, merge patch (main resource and status subresource, with the
/// resourceVersion precondition), delete with preconditions, the policy/v1 Eviction subresource, and Lease
/// get/create/update with 409 conflicts, for nodes, pods and leases. It is not a mock of our own interfaces: the
/// code under test talks to it through KubernetesClient over real HTTP.
/// </summary>
internal sealed class FakeKubernetesApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Method, string PathPrefix, int Code)> _faults = new();
    private CancellationTokenSource _dropWatches = new();
    private int _activeWatches;

    private FakeKubernetesApiServer(WebApplication app)
    {
        _app = app;
    }

    public FakeObjectStore Store { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Runs before each request is handled, for example to simulate another writer racing the client.</summary>
    public Action<RecordedRequest>? BeforeRequest { get; set; }

    public int ActiveWatches => Volatile.Read(ref _activeWatches);

    public static async Task<FakeKubernetesApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.AllowSynchronousIO = false;
        });
        var app = builder.Build();
        var server = new FakeKubernetesApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Urls.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>A KubernetesClient pointed at this server.</summary>
    public k8s.Kubernetes CreateClient() =>
        new(new KubernetesClientConfiguration { Host = BaseAddress.ToString().TrimEnd('/') });

    /// <summary>Makes the next request whose method and path match fail with <paramref name="code"/>.</summary>
    public void InjectFault(string method, string pathPrefix, int code) => _faults.Enqueue((method, pathPrefix, code));

    /// <summary>Aborts every open watch connection, as a network failure or an API server restart would.</summary>
    public void DropWatches()
    {
        var old = Interlocked.Exchange(ref _dropWatches, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    public IEnumerable<RecordedRequest> Writes() =>
        Requests.Where(r => r.Method is "PATCH" or "DELETE" or "POST" or "PUT");

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Timed out after {timeoutMs} ms waiting for: {what}");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        DropWatches();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _dropWatches.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        string path = request.Path.Value ?? "/";
        var recorded = new RecordedRequest(request.Method, path, request.QueryString.Value ?? "", request.ContentType, body);
        Requests.Enqueue(recorded);
        BeforeRequest?.Invoke(recorded);

        try
        {
            if (_faults.TryPeek(out var fault) && fault.Method == request.Method
                && path.StartsWith(fault.PathPrefix, StringComparison.Ordinal) && _faults.TryDequeue(out fault))
            {
                throw new FakeApiException(fault.Code, "InternalError", "injected fault");
            }

            await RouteAsync(context, path, body).ConfigureAwait(false);
        }
        catch (FakeApiException ex)
        {
            await WriteStatusAsync(context.Response, ex.Code, ex.Reason, ex.Message).ConfigureAwait(false);
        }
    }

    private async Task RouteAsync(HttpContext context, string path, string body)
    {
        var segments = path.Trim('/').Split('/');
        string method = context.Request.Method;

        // /api/v1/nodes[/{name}[/status]]
        if (segments is ["api", "v1", "nodes", ..])
        {
            await HandleResourceAsync(context, "nodes", "Node", "", segments[3..], body).ConfigureAwait(false);
            return;
        }

        // /api/v1/pods (all namespaces)
        if (segments is ["api", "v1", "pods"] && method == "GET")
        {
            await ListOrWatchAsync(context, "pods", "Pod", null).ConfigureAwait(false);
            return;
        }

        // /api/v1/namespaces/{ns}/pods[/{name}[/eviction]]
        if (segments is ["api", "v1", "namespaces", var podNs, "pods", ..])
        {
            await HandleResourceAsync(context, "pods", "Pod", podNs, segments[5..], body).ConfigureAwait(false);
            return;
        }

        // /apis/coordination.k8s.io/v1/namespaces/{ns}/leases[/{name}]
        if (segments is ["apis", "coordination.k8s.io", "v1", "namespaces", var leaseNs, "leases", ..])
        {
            await HandleResourceAsync(context, "leases", "Lease", leaseNs, segments[6..], body).ConfigureAwait(false);
            return;
        }

        throw new FakeApiException(404, "NotFound", $"the server could not find the requested resource: {path}");
    }

    private async Task HandleResourceAsync(
        HttpContext context,
        string resource,
        string kind,
        string ns,
        string[] rest,
        string body)
    {
        string method = context.Request.Method;
        switch (rest)
        {
            case [] when method == "GET":
                await ListOrWatchAsync(context, resource, kind, resource == "nodes" ? null : ns).ConfigureAwait(false);
                return;

            case [] when method == "POST":
                var created = Store.Create(resource, ParseObject(body, ns));
                await WriteJsonAsync(context.Response, 201, created).ConfigureAwait(false);
                return;

            case [var name] when method == "GET":
                var found = Store.Get(resource, ns, name)
                    ?? throw new FakeApiException(404, "NotFound", $"{resource} \"{name}\" not found");
                await WriteJsonAsync(context.Response, 200, found).ConfigureAwait(false);
                return;

            case [var name] when method == "PUT":
                var replacement = ParseObject(body, ns);
                string? expected = replacement["metadata"]?["resourceVersion"]?.GetValue<string>();
                var replaced = Store.Update(resource, ns, name, expected, _ => replacement);
                await WriteJsonAsync(context.Response, 200, replaced).ConfigureAwait(false);
                return;

            case [var name] when method == "PATCH":
                await PatchAsync(context, resource, ns, name, subresource: null, body).ConfigureAwait(false);
                return;

            case [var name, "status"] when method == "PATCH":
                await PatchAsync(context, resource, ns, name, subresource: "status", body).ConfigureAwait(false);
                return;

            case [var name] when method == "DELETE":
                var deleted = Store.Delete(resource, ns, name, UidPrecondition(JsonNode.Parse(Or(body, "{}"))));
                await WriteJsonAsync(context.Response, 200, deleted).ConfigureAwait(false);
                return;

            case [var name, "eviction"] when method == "POST" && resource == "pods":
                if (Store.IsEvictionBlocked(ns, name))
                {
                    throw new FakeApiException(
                        429,
                        "TooManyRequests",
                        "Cannot evict pod as it would violate the pod's disruption budget.");
                }

                var eviction = JsonNode.Parse(Or(body, "{}"));
                Store.Delete(resource, ns, name, UidPrecondition(eviction?["deleteOptions"]));
                await WriteStatusAsync(context.Response, 201, null, null).ConfigureAwait(false);
                return;

            default:
                throw new FakeApiException(405, "MethodNotAllowed", $"{method} is not supported on this path");
        }
    }

    private async Task PatchAsync(
        HttpContext context,
        string resource,
        string ns,
        string name,
        string? subresource,
        string body)
    {
        string contentType = context.Request.ContentType ?? "";
        if (!contentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal))
        {
            throw new FakeApiException(
                415,
                "UnsupportedMediaType",
                $"the fake server supports application/merge-patch+json only, got '{contentType}'");
        }

        var patch = JsonNode.Parse(body) as JsonObject
            ?? throw new FakeApiException(400, "BadRequest", "the patch must be a JSON object");
        string? expected = patch["metadata"]?["resourceVersion"]?.GetValue<string>();
        var updated = Store.Update(resource, ns, name, expected, current =>
        {
            var merged = (JsonObject)JsonMergePatch.Apply(current.DeepClone(), patch)!;

            // Like the real API server, the main resource ignores status and the status subresource ignores spec.
            string keep = subresource == "status" ? "spec" : "status";
            if (resource != "leases")
            {
                merged[keep] = current[keep]?.DeepClone();
            }

            return merged;
        });
        await WriteJsonAsync(context.Response, 200, updated).ConfigureAwait(false);
    }

    private async Task ListOrWatchAsync(HttpContext context, string resource, string kind, string? ns)
    {
        var query = context.Request.Query;
        var selector = LabelSelector.Parse(query["labelSelector"].ToString());
        if (string.Equals(query["watch"], "true", StringComparison.OrdinalIgnoreCase))
        {
            await WatchAsync(context, resource, ns, selector).ConfigureAwait(false);
            return;
        }

        var (items, version) = Store.List(resource, ns);
        var list = new JsonObject
        {
            ["kind"] = kind + "List",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray(items.Where(selector.Matches).Cast<JsonNode?>().ToArray()),
        };
        await WriteJsonAsync(context.Response, 200, list).ConfigureAwait(false);
    }

    private async Task WatchAsync(HttpContext context, string resource, string? ns, LabelSelector selector)
    {
        var query = context.Request.Query;
        bool bookmarks = string.Equals(query["allowWatchBookmarks"], "true", StringComparison.OrdinalIgnoreCase);
        string rv = query["resourceVersion"].ToString();
        int timeoutSeconds = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var t) ? t : 0;

        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.StartAsync(context.RequestAborted).ConfigureAwait(false);

        var dropped = _dropWatches.Token;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, dropped);
        if (timeoutSeconds > 0)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        }

        Interlocked.Increment(ref _activeWatches);
        try
        {
            long since;
            if (rv is "" or "0")
            {
                var (items, version) = Store.List(resource, ns);
                foreach (var item in items.Where(selector.Matches))
                {
                    await WriteLineAsync(response, "ADDED", item, stop.Token).ConfigureAwait(false);
                }

                since = version;
            }
            else
            {
                since = long.Parse(rv, CultureInfo.InvariantCulture);
            }

            while (!stop.IsCancellationRequested)
            {
                var changed = Store.Changed;
                List<StoredEvent> events;
                try
                {
                    events = Store.EventsAfter(resource, ns, since);
                }
                catch (FakeApiException gone)
                {
                    await WriteLineAsync(response, "ERROR", StatusObject(gone.Code, gone.Reason, gone.Message), stop.Token)
                        .ConfigureAwait(false);
                    return;
                }

                foreach (var e in events)
                {
                    since = e.ResourceVersion;
                    if ((e.Type == "BOOKMARK" && !bookmarks) || (e.Type != "BOOKMARK" && !selector.Matches(e.Object)))
                    {
                        continue;
                    }

                    await WriteLineAsync(response, e.Type, e.Object, stop.Token).ConfigureAwait(false);
                }

                await changed.WaitAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // A dropped watch is an aborted connection; a timed-out one simply ends the stream.
            if (dropped.IsCancellationRequested)
            {
                context.Abort();
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            Interlocked.Decrement(ref _activeWatches);
        }
    }

    private static async Task WriteLineAsync(HttpResponse response, string type, JsonObject obj, CancellationToken ct)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
        await response.WriteAsync(line, ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpResponse response, int code, JsonObject obj)
    {
        response.StatusCode = code;
        response.ContentType = "application/json";
        await response.WriteAsync(obj.ToJsonString()).ConfigureAwait(false);
    }

    private static Task WriteStatusAsync(HttpResponse response, int code, string? reason, string? message)
    {
        return WriteJsonAsync(response, code, StatusObject(code, reason, message));
    }

    private static JsonObject StatusObject(int code, string? reason, string? message)
    {
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = code < 400 ? "Success" : "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
    }

    private static JsonObject ParseObject(string body, string ns)
    {
        var obj = JsonNode.Parse(Or(body, "{}")) as JsonObject
            ?? throw new FakeApiException(400, "BadRequest", "the body must be a JSON object");
        if (ns.Length > 0 && obj["metadata"] is JsonObject metadata)
        {
            metadata["namespace"] ??= ns;
        }

        return obj;
    }

    private static string? UidPrecondition(JsonNode? deleteOptions) =>
        deleteOptions?["preconditions"]?["uid"]?.GetValue<string>();

    private static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;
}
