using Kyaml.Internal;
using YamlDotNet.Core;

namespace Kyaml.Converter;

/// <summary>
/// Writes parsed YAML documents as KYAML through <see cref="Utf8KyamlWriter"/>, as the reference encoder does.
/// </summary>
internal sealed class KyamlRenderer
{
    private readonly Utf8KyamlWriter _writer;
    private readonly bool _referenceCompatible;
    private readonly YamlTreeBuilder _source;

    public KyamlRenderer(Utf8KyamlWriter writer, bool referenceCompatible, YamlTreeBuilder source)
    {
        _writer = writer;
        _referenceCompatible = referenceCompatible;
        _source = source;
    }

    public void RenderDocument(YamlDocument document)
    {
        _writer.WriteStartDocument();
        WriteComment(document.HeadComment);
        YamlNode? root = document.Root;
        if (root is not null)
        {
            WriteComment(root.HeadComment);
            RenderNode(root, inSequence: false);
            WriteLineComment(root.LineComment);
            WriteComment(root.FootComment);
        }

        WriteComment(document.FootComment);
        _writer.WriteEndDocument();
    }

    /// <summary>Gets the deepest nesting allowed once aliases are expanded (the converter's <c>MaxDepth</c>).</summary>
    public int MaxDepth { get; init; } = KyamlConverterOptions.DefaultMaxDepth;

    private void RenderNode(YamlNode node, bool inSequence)
    {
        // The parser checks the depth of the text; aliases can nest deeper than that once expanded.
        if (node.Kind is YamlNodeKind.Mapping or YamlNodeKind.Sequence && _writer.CurrentDepth >= MaxDepth)
        {
            Mark at = node.Start;
            ThrowHelper.ThrowDepthExceeded(MaxDepth, at.Line, at.Column, _source.ByteOffset(at));
        }

        switch (node.Kind)
        {
            case YamlNodeKind.Scalar:
                RenderScalar(node, inSequence);
                break;
            case YamlNodeKind.Mapping:
                RenderMapping(node);
                break;
            case YamlNodeKind.Sequence:
                RenderSequence(node);
                break;
            case YamlNodeKind.Alias:
                if (_referenceCompatible)
                {
                    _writer.BoostNextValueLevel();
                }

                RenderNode(node.AliasTarget!, inSequence);
                break;
        }
    }

    private void RenderMapping(YamlNode node)
    {
        _writer.WriteStartMapping();
        List<YamlNode> children = node.Children;
        if (!_referenceCompatible && HasMergeKey(node))
        {
            children = MergeResolver.Resolve(node, this);
        }

        for (int i = 0; i + 1 < children.Count; i += 2)
        {
            YamlNode key = children[i];
            YamlNode value = children[i + 1];
            WriteComment(EntryComment(Join(key.HeadComment, value.HeadComment)));
            _writer.WritePropertyName(KeyText(key));
            RenderNode(value, inSequence: false);
            if (key.LineComment is not null && value.LineComment is not null && _referenceCompatible)
            {
                throw _source.Error("both key and value have line comments", key.Start, null);
            }

            WriteLineComment(key.LineComment ?? value.LineComment);
            WriteComment(EntryComment(Join(key.FootComment, value.FootComment)));
        }

        _writer.WriteEndMapping();
    }

    private void RenderSequence(YamlNode node)
    {
        bool cuddle = node.Children.Count > 0;
        foreach (YamlNode child in node.Children)
        {
            if (child.Resolved.Kind is not (YamlNodeKind.Mapping or YamlNodeKind.Sequence) || child.HasComments)
            {
                cuddle = false;
                break;
            }
        }

        _writer.WriteStartSequence(cuddle ? KyamlSequenceLayout.Cuddled : KyamlSequenceLayout.Block);
        foreach (YamlNode child in node.Children)
        {
            WriteComment(EntryComment(child.HeadComment));
            RenderNode(child, inSequence: true);
            WriteLineComment(child.LineComment);
            WriteComment(EntryComment(child.FootComment));
        }

        _writer.WriteEndSequence();
    }

    internal static bool IsMergeKey(YamlNode key)
    {
        return key.Kind == YamlNodeKind.Scalar
            && ((key.Style == ScalarStyle.Plain && key.Tag is null && key.Value == "<<") || key.Tag == "!!merge");
    }

    private static bool HasMergeKey(YamlNode mapping)
    {
        for (int i = 0; i < mapping.Children.Count; i += 2)
        {
            if (IsMergeKey(mapping.Children[i]))
            {
                return true;
            }
        }

        return false;
    }

    internal string KeyText(YamlNode key)
    {
        switch (key.Kind)
        {
            case YamlNodeKind.Scalar:
                return key.Value;
            case YamlNodeKind.Alias:
                if (_referenceCompatible)
                {
                    return key.AliasName ?? string.Empty;
                }

                YamlNode target = key.Resolved;
                if (target.Kind == YamlNodeKind.Scalar)
                {
                    return target.Value;
                }

                break;
            default:
                if (_referenceCompatible)
                {
                    return string.Empty;
                }

                break;
        }

        throw _source.Error(
            "a mapping or sequence used as a mapping key cannot be written as KYAML (keys are strings)", key.Start, null);
    }

    private void RenderScalar(YamlNode node, bool inSequence)
    {
        PlainScalarKind kind = Resolve(node);
        switch (kind)
        {
            case PlainScalarKind.String or PlainScalarKind.Timestamp:
                _writer.WriteStringValue(node.Value);
                break;
            case PlainScalarKind.Merge:
                throw _source.Error($"unknown tag \"!!merge\" on scalar node \"{node.Value}\"", node.Start, null);
            default:
                if (!_referenceCompatible && node.Tag is not null && node.Tag != "!" && !TextMatches(node.Value, kind))
                {
                    _writer.WriteStringValue(node.Value);
                }
                else if (!_referenceCompatible && inSequence && node.Value.Length == 0)
                {
                    _writer.WriteVerbatimScalar("null"u8);
                }
                else
                {
                    WriteVerbatim(node.Value);
                }

                break;
        }
    }

    private static bool TextMatches(string text, PlainScalarKind kind)
    {
        PlainScalarKind plain = Resolve(text);
        return plain == kind
            || (kind is PlainScalarKind.Int or PlainScalarKind.Float
                && plain is PlainScalarKind.Int or PlainScalarKind.Float);
    }

    private void WriteVerbatim(string text)
    {
        int max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> buffer = max <= 256 ? stackalloc byte[256] : new byte[max];
        int n = System.Text.Encoding.UTF8.GetBytes(text, buffer);
        _writer.WriteVerbatimScalar(buffer[..n]);
    }

    internal PlainScalarKind Resolve(YamlNode node)
    {
        string? tag = node.Tag;
        if (tag is null || tag == "!")
        {
            return node.Style == ScalarStyle.Plain ? Resolve(node.Value) : PlainScalarKind.String;
        }

        return tag switch
        {
            "!!str" => PlainScalarKind.String,
            "!!timestamp" => PlainScalarKind.Timestamp,
            "!!int" => PlainScalarKind.Int,
            "!!float" => PlainScalarKind.Float,
            "!!bool" => PlainScalarKind.Bool,
            "!!null" => PlainScalarKind.Null,
            _ => throw _source.Error($"unknown tag \"{tag}\" on scalar node \"{node.Value}\"", node.Start, null),
        };
    }

    private static PlainScalarKind Resolve(string text)
    {
        if (text.Length == 0)
        {
            return PlainScalarKind.Null;
        }

        int max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max > 1024)
        {
            return ScalarRules.ResolvePlain(System.Text.Encoding.UTF8.GetBytes(text));
        }

        Span<byte> buffer = stackalloc byte[1024];
        int n = System.Text.Encoding.UTF8.GetBytes(text, buffer);
        return ScalarRules.ResolvePlain(buffer[..n]);
    }

    // The reference writes blank lines inside an entry's comments as indented empty comment lines. Read again,
    // such a line splits the comment and moves part of it to another entry, so the output changes from pass to
    // pass. The default mode leaves those lines out, which makes a second pass give the same bytes.
    private string? EntryComment(string? text)
    {
        if (_referenceCompatible || text is null || !text.Contains('\n', StringComparison.Ordinal))
        {
            return text;
        }

        string[] lines = text.Split('\n');
        string joined = string.Join('\n', lines.Where(static line => line.Length > 0));
        return joined.Length == 0 ? null : joined;
    }

    private void WriteComment(string? text)
    {
        if (text is not null)
        {
            _writer.WriteComment(text);
        }
    }

    private void WriteLineComment(string? text)
    {
        if (text is not null)
        {
            _writer.WriteLineComment(text);
        }
    }

    private static string? Join(string? a, string? b)
    {
        if (a is null)
        {
            return b;
        }

        return b is null ? a : a + "\n" + b;
    }
}
