using System.Text.Json.Nodes;

namespace DeviceHealth.Kubernetes.Tests.FakeApi;

/// <summary>The equality-based label selector subset: <c>k=v</c>, <c>k!=v</c> and <c>k</c>, comma-separated.</summary>
internal sealed class LabelSelector
{
    private readonly List<(string Key, string? Value, bool Negated)> _terms = [];

    public static LabelSelector Parse(string text)
    {
        var selector = new LabelSelector();
        foreach (var term in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int ne = term.IndexOf("!=", StringComparison.Ordinal);
            int eq = term.IndexOf('=', StringComparison.Ordinal);
            if (ne > 0)
            {
                selector._terms.Add((term[..ne], term[(ne + 2)..], true));
            }
            else if (eq > 0)
            {
                selector._terms.Add((term[..eq], term[(eq + 1)..].TrimStart('='), false));
            }
            else
            {
                selector._terms.Add((term, null, false));
            }
        }

        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        var labels = obj["metadata"]?["labels"] as JsonObject;
        foreach (var (key, value, negated) in _terms)
        {
            string? actual = labels?[key]?.GetValue<string>();
            bool match = value is null ? actual is not null : actual == value;
            if (match == negated)
            {
                return false;
            }
        }

        return true;
    }
}
