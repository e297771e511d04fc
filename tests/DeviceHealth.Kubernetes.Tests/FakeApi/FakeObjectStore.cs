using System.Globalization;
using System.Text.Json.Nodes;

namespace DeviceHealth.Kubernetes.Tests.FakeApi;

/// <summary>
/// The fake API server's storage: objects by (resource, namespace, name), one cluster-wide resourceVersion counter
/// like etcd's revision, and a change log that watches read from. <see cref="Compact"/> drops the log so that a
/// watch from an older resourceVersion gets 410 Gone, as after etcd compaction.
/// </summary>
internal sealed class FakeObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Resource, string Namespace, string Name), JsonObject> _objects = [];
    private readonly List<StoredEvent> _events = [];
    private readonly HashSet<(string Namespace, string Name)> _evictionBlocked = [];
    private long _resourceVersion = 1000;
    private long _compactedThrough;
    private int _uidCounter;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Completes at the next change; take it before reading events so that no change is missed.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Creates or replaces an object without any precondition, as a test fixture or another component.</summary>
    public JsonObject Put(string resource, JsonObject obj)
    {
        lock (_gate)
        {
            var (ns, name) = Identity(obj);
            var key = (resource, ns, name);
            var copy = (JsonObject)obj.DeepClone();
            var metadata = (JsonObject)copy["metadata"]!;
            bool exists = _objects.TryGetValue(key, out var old);
            if (metadata["uid"] is null)
            {
                metadata["uid"] = exists ? old!["metadata"]!["uid"]!.GetValue<string>() : NewUid();
            }

            return Commit(resource, key, copy, exists ? "MODIFIED" : "ADDED");
        }
    }

    public JsonObject Create(string resource, JsonObject obj)
    {
        lock (_gate)
        {
            var (ns, name) = Identity(obj);
            var key = (resource, ns, name);
            if (_objects.ContainsKey(key))
            {
                throw new FakeApiException(409, "AlreadyExists", $"{resource} \"{name}\" already exists");
            }

            var copy = (JsonObject)obj.DeepClone();
            copy["metadata"]!["uid"] = NewUid();
            return Commit(resource, key, copy, "ADDED");
        }
    }

    public JsonObject? Get(string resource, string ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue((resource, ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    public (List<JsonObject> Items, long ResourceVersion) List(string resource, string? ns)
    {
        lock (_gate)
        {
            var items = _objects
                .Where(p => p.Key.Resource == resource && (ns is null || p.Key.Namespace == ns))
                .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => (JsonObject)p.Value.DeepClone())
                .ToList();
            return (items, _resourceVersion);
        }
    }

    /// <summary>Replaces an object through <paramref name="mutate"/>, checking the expected resourceVersion.</summary>
    public JsonObject Update(
        string resource,
        string ns,
        string name,
        string? expectedResourceVersion,
        Func<JsonObject, JsonObject> mutate)
    {
        lock (_gate)
        {
            var key = (resource, ns, name);
            if (!_objects.TryGetValue(key, out var current))
            {
                throw new FakeApiException(404, "NotFound", $"{resource} \"{name}\" not found");
            }

            string currentVersion = current["metadata"]!["resourceVersion"]!.GetValue<string>();
            if (expectedResourceVersion is not null && expectedResourceVersion != currentVersion)
            {
                throw new FakeApiException(
                    409,
                    "Conflict",
                    $"Operation cannot be fulfilled on {resource} \"{name}\": the object has been modified; "
                    + "please apply your changes to the latest version and try again");
            }

            var updated = mutate((JsonObject)current.DeepClone());
            updated["metadata"]!["uid"] = current["metadata"]!["uid"]!.GetValue<string>();
            return Commit(resource, key, updated, "MODIFIED");
        }
    }

    public JsonObject Delete(string resource, string ns, string name, string? uidPrecondition)
    {
        lock (_gate)
        {
            var key = (resource, ns, name);
            if (!_objects.TryGetValue(key, out var current))
            {
                throw new FakeApiException(404, "NotFound", $"{resource} \"{name}\" not found");
            }

            string uid = current["metadata"]!["uid"]!.GetValue<string>();
            if (uidPrecondition is not null && uidPrecondition != uid)
            {
                throw new FakeApiException(
                    409,
                    "Conflict",
                    $"Precondition failed: UID in precondition: {uidPrecondition}, UID in object meta: {uid}");
            }

            _objects.Remove(key);
            _resourceVersion++;
            var deleted = (JsonObject)current.DeepClone();
            deleted["metadata"]!["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
            _events.Add(new StoredEvent(_resourceVersion, resource, ns, "DELETED", deleted));
            Signal();
            return (JsonObject)deleted.DeepClone();
        }
    }

    /// <summary>Makes the Eviction API refuse this pod with 429, as a PodDisruptionBudget would.</summary>
    public void BlockEviction(string ns, string name)
    {
        lock (_gate)
        {
            _evictionBlocked.Add((ns, name));
        }
    }

    public void UnblockEviction(string ns, string name)
    {
        lock (_gate)
        {
            _evictionBlocked.Remove((ns, name));
        }
    }

    public bool IsEvictionBlocked(string ns, string name)
    {
        lock (_gate)
        {
            return _evictionBlocked.Contains((ns, name));
        }
    }

    /// <summary>Appends a BOOKMARK for <paramref name="resource"/> at a new resourceVersion.</summary>
    public void Bookmark(string resource, string kind)
    {
        lock (_gate)
        {
            _resourceVersion++;
            var obj = new JsonObject
            {
                ["kind"] = kind,
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject
                {
                    ["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture),
                },
            };
            _events.Add(new StoredEvent(_resourceVersion, resource, null, "BOOKMARK", obj));
            Signal();
        }
    }

    /// <summary>Forgets the change log: watches from any earlier resourceVersion now get 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _compactedThrough = _resourceVersion;
            _events.Clear();
            Signal();
        }
    }

    /// <summary>The events after <paramref name="since"/>; throws 410 Gone when the log no longer reaches back.</summary>
    public List<StoredEvent> EventsAfter(string resource, string? ns, long since)
    {
        lock (_gate)
        {
            if (since < _compactedThrough)
            {
                throw new FakeApiException(
                    410,
                    "Expired",
                    $"too old resource version: {since} ({_compactedThrough})");
            }

            return _events
                .Where(e => e.ResourceVersion > since && e.Resource == resource
                    && (ns is null || e.Namespace is null || e.Namespace == ns))
                .Select(e => e with { Object = (JsonObject)e.Object.DeepClone() })
                .ToList();
        }
    }

    private JsonObject Commit(string resource, (string, string, string) key, JsonObject obj, string type)
    {
        _resourceVersion++;
        var metadata = (JsonObject)obj["metadata"]!;
        metadata["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        metadata["creationTimestamp"] ??= "2026-01-01T00:00:00Z";
        _objects[key] = obj;
        _events.Add(new StoredEvent(_resourceVersion, resource, key.Item2, type, (JsonObject)obj.DeepClone()));
        Signal();
        return (JsonObject)obj.DeepClone();
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private string NewUid()
    {
        _uidCounter++;
        return $"00000000-0000-4000-8000-{_uidCounter:D12}";
    }

    private static (string Namespace, string Name) Identity(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject
            ?? throw new FakeApiException(400, "BadRequest", "metadata is required");
        string name = metadata["name"]?.GetValue<string>()
            ?? throw new FakeApiException(400, "BadRequest", "metadata.name is required");
        string ns = metadata["namespace"]?.GetValue<string>() ?? string.Empty;
        return (ns, name);
    }
}
