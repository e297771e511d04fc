using YamlDotNet.Core;

namespace Kyaml.Converter;

internal enum YamlNodeKind : byte
{
    Scalar,
    Mapping,
    Sequence,
    Alias,
}

/// <summary>A node of a parsed YAML document with the comments attached to it, as go-yaml v3 attaches them.</summary>
internal sealed class YamlNode
{
    public YamlNodeKind Kind { get; init; }

    public string Value { get; set; } = string.Empty;

    public ScalarStyle Style { get; init; }

    public string? Tag { get; init; }

    public bool IsFlow { get; init; }

    public YamlNode? AliasTarget { get; set; }

    public string? AliasName { get; init; }

    public List<YamlNode> Children { get; } = [];

    public Mark Start { get; init; }

    public Mark End { get; set; }

    public bool Complete { get; set; }

    // Nodes this node stands for once aliases are expanded (saturating).
    public long ExpandedSize { get; set; }

    public string? HeadComment { get; set; }

    public string? LineComment { get; set; }

    public string? FootComment { get; set; }

    public YamlNode Resolved => Kind == YamlNodeKind.Alias && AliasTarget is not null ? AliasTarget.Resolved : this;

    public bool HasComments => HeadComment is not null || LineComment is not null || FootComment is not null;
}

/// <summary>A parsed document: its root and the comments that belong to the document itself.</summary>
internal sealed class YamlDocument
{
    public YamlNode? Root { get; set; }

    public string? HeadComment { get; set; }

    public string? FootComment { get; set; }

    public Mark Start { get; init; }

    public bool IsExplicit { get; init; }
}
