namespace Kyaml.Converter;

/// <summary>
/// Applies YAML merge keys (<c>&lt;&lt;: *base</c>, <c>&lt;&lt;: [*a, *b]</c>): the merged mappings' entries are put where
/// the merge key was, except keys the mapping sets itself or an earlier merged mapping already provided.
/// </summary>
internal static class MergeResolver
{
    public static List<YamlNode> Resolve(YamlNode mapping, KyamlRenderer renderer)
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < mapping.Children.Count; i += 2)
        {
            YamlNode key = mapping.Children[i];
            if (!KyamlRenderer.IsMergeKey(key))
            {
                own.Add(renderer.KeyText(key));
            }
        }

        var result = new List<YamlNode>(mapping.Children.Count);
        var merged = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < mapping.Children.Count; i += 2)
        {
            YamlNode key = mapping.Children[i];
            YamlNode value = mapping.Children[i + 1];
            if (!KyamlRenderer.IsMergeKey(key))
            {
                result.Add(key);
                result.Add(value);
                continue;
            }

            YamlNode source = value.Resolved;
            if (source.Kind == YamlNodeKind.Mapping)
            {
                AddEntries(source, own, merged, result, renderer);
            }
            else if (source.Kind == YamlNodeKind.Sequence)
            {
                foreach (YamlNode item in source.Children)
                {
                    YamlNode m = item.Resolved;
                    if (m.Kind != YamlNodeKind.Mapping)
                    {
                        throw new KyamlException(
                            "map merge requires map or sequence of maps as the value",
                            item.Start.Line,
                            item.Start.Column,
                            null);
                    }

                    AddEntries(m, own, merged, result, renderer);
                }
            }
            else
            {
                throw new KyamlException(
                    "map merge requires map or sequence of maps as the value", value.Start.Line, value.Start.Column, null);
            }
        }

        return result;
    }

    private static void AddEntries(
        YamlNode source, HashSet<string> own, HashSet<string> merged, List<YamlNode> result, KyamlRenderer renderer)
    {
        List<YamlNode> entries = Resolve(source, renderer);
        for (int i = 0; i + 1 < entries.Count; i += 2)
        {
            string name = renderer.KeyText(entries[i]);
            if (own.Contains(name) || !merged.Add(name))
            {
                continue;
            }

            result.Add(entries[i]);
            result.Add(entries[i + 1]);
        }
    }
}
