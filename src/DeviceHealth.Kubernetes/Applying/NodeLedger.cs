using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DeviceHealth.Kubernetes.Applying;

/// <summary>
/// The markers DeviceHealth keeps on each Node so that a restarted controller knows what it already did: the
/// idempotency keys of the node actions it applied (newest last, capped), and the taints it owns. They are
/// annotations holding JSON string arrays, written in the same patch as the change they record, so the record and
/// the change are one atomic write.
/// </summary>
internal static class NodeLedger
{
    /// <summary>The annotation listing the idempotency keys of applied node actions.</summary>
    public const string AppliedAnnotation = "devicehealth.kubekit.dev/applied";

    /// <summary>The annotation listing the taints DeviceHealth added, as <c>key:Effect</c>.</summary>
    public const string OwnedTaintsAnnotation = "devicehealth.kubekit.dev/owned-taints";

    private const string CordonSuffix = "/cordon/0";

    /// <summary>Reads a JSON string array annotation; a missing or unreadable value reads as empty.</summary>
    public static List<string> Read(IDictionary<string, string>? annotations, string annotation)
    {
        var result = new List<string>();
        if (annotations is null || !annotations.TryGetValue(annotation, out var text) || string.IsNullOrEmpty(text))
        {
            return result;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return result;
            }

            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.String)
                {
                    result.Add(element.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // Someone edited the annotation by hand; it is rewritten with the next action.
        }

        return result;
    }

    /// <summary>Formats entries as a JSON string array, keeping only the newest <paramref name="capacity"/>.</summary>
    public static string Format(IReadOnlyList<string> entries, int capacity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (int i = Math.Max(0, entries.Count - capacity); i < entries.Count; i++)
            {
                writer.WriteStringValue(entries[i]);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string TaintId(string key, string effect) => key + ":" + effect;

    /// <summary>
    /// The start of the node's newest recorded episode: the ticks in the newest applied cordon key
    /// (<c>node/{name}/{ticks}/cordon/0</c>, the core's key format); null when the ledger holds none.
    /// </summary>
    public static DateTimeOffset? RecoverEpisodeStart(IDictionary<string, string>? annotations, string nodeName)
    {
        var applied = Read(annotations, AppliedAnnotation);
        string prefix = "node/" + nodeName + "/";
        for (int i = applied.Count - 1; i >= 0; i--)
        {
            string key = applied[i];
            if (!key.StartsWith(prefix, StringComparison.Ordinal)
                || !key.EndsWith(CordonSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var ticks = key.AsSpan(prefix.Length, key.Length - prefix.Length - CordonSuffix.Length);
            if (long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out long t)
                && t >= DateTimeOffset.MinValue.UtcTicks && t <= DateTimeOffset.MaxValue.UtcTicks)
            {
                return new DateTimeOffset(t, TimeSpan.Zero);
            }
        }

        return null;
    }
}
