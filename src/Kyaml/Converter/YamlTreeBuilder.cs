using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kyaml.Converter;

/// <summary>
/// Reads a YAML stream with YamlDotNet's parser into <see cref="YamlNode"/> trees, one per document, keeping scalar
/// text as written, styles, tags and comments, and enforcing the converter's limits.
/// </summary>
internal sealed class YamlTreeBuilder
{
    private readonly string _text;
    private readonly KyamlConverterOptions _options;
    private readonly SourceLines _lines;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private readonly List<YamlNode> _stack = [];
    private readonly List<(long Start, long End)> _scalarSpans = [];
    private readonly bool _collectComments;
    private long _aliasExpansion;

    public YamlTreeBuilder(string text, KyamlConverterOptions options)
    {
        _text = text;
        _options = options;
        _lines = new SourceLines(text);
        _collectComments = !options.Compact && !options.KubectlForm;
    }

    public SourceLines Lines => _lines;

    public List<(YamlDocument Document, List<CommentToken> Comments)> Build()
    {
        var documents = new List<YamlDocument>();
        var parser = new Parser(new Scanner(new StringReader(_text), skipComments: true));
        YamlDocument? current = null;
        try
        {
            while (parser.MoveNext())
            {
                ParsingEvent e = parser.Current!;
                switch (e)
                {
                    case DocumentStart start:
                        CheckVersion(start);
                        current = new YamlDocument { Start = start.Start, IsExplicit = !start.IsImplicit };
                        _anchors.Clear();
                        _aliasExpansion = 0;
                        break;
                    case DocumentEnd end:
                        if (current is not null)
                        {
                            CheckDocumentSize(current.Start, end.End);
                            documents.Add(current);
                        }

                        current = null;
                        break;
                    case Scalar scalar:
                        _scalarSpans.Add((ContentStart(scalar), scalar.End.Index));
                        AddNode(current, CreateScalar(scalar));
                        break;
                    case AnchorAlias alias:
                        AddNode(current, CreateAlias(alias));
                        break;
                    case MappingStart mapping:
                        Open(current, new YamlNode
                        {
                            Kind = YamlNodeKind.Mapping,
                            Tag = TagOf(mapping.Tag),
                            IsFlow = mapping.Style == MappingStyle.Flow,
                            Start = mapping.Start,
                        }, mapping.Anchor);
                        break;
                    case SequenceStart sequence:
                        Open(current, new YamlNode
                        {
                            Kind = YamlNodeKind.Sequence,
                            Tag = TagOf(sequence.Tag),
                            IsFlow = sequence.Style == SequenceStyle.Flow,
                            Start = sequence.Start,
                        }, sequence.Anchor);
                        break;
                    case MappingEnd or SequenceEnd:
                        Close(e.End);
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            Mark at = ex.Start;
            throw Error(ex.Message, at, ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's parser reports some malformed flow collections this way.
            Mark at = parser.Current?.End ?? Mark.Empty;
            throw Error("did not find the expected flow entry or end of collection", at, ex);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet rejects some malformed tags and escapes (for example a lone surrogate) this way.
            Mark at = parser.Current?.End ?? Mark.Empty;
            throw Error($"invalid YAML after this point: {ex.Message}", at, ex);
        }

        var result = new List<(YamlDocument, List<CommentToken>)>(documents.Count);
        foreach (YamlDocument document in documents)
        {
            result.Add((document, []));
        }

        if (documents.Count > 0 && _collectComments)
        {
            int owner = 0;
            foreach (CommentToken comment in ScanComments())
            {
                while (owner + 1 < documents.Count && documents[owner + 1].Start.Index <= comment.Start.Index)
                {
                    owner++;
                }

                result[owner].Item2.Add(comment);
            }
        }

        return result;
    }

    // Comments are found in the source text rather than taken from YamlDotNet's comment events, which are not
    // produced everywhere (and make its parser reject some valid flow collections): a '#' at the start of a line
    // or after white space, outside every scalar.
    private List<CommentToken> ScanComments()
    {
        var comments = new List<CommentToken>();
        _scalarSpans.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        int span = 0;
        long line = 1;
        int lineStart = 0;
        string text = _text;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
                continue;
            }

            if (c != '#' || (i > 0 && text[i - 1] is not (' ' or '\t' or '\n' or '\r')))
            {
                continue;
            }

            while (span < _scalarSpans.Count && _scalarSpans[span].End <= i)
            {
                span++;
            }

            if (span < _scalarSpans.Count && _scalarSpans[span].Start <= i && i < _scalarSpans[span].End)
            {
                continue;
            }

            int end = text.IndexOfAny(['\n', '\r'], i);
            if (end < 0)
            {
                end = text.Length;
            }

            bool inline = !text.AsSpan(lineStart, i - lineStart).Trim(" \t").IsEmpty;
            string body = text.Substring(i, end - i);
            comments.Add(new CommentToken(body, inline, new Mark(i, line, i - lineStart + 1)));
            i = end - 1;
        }

        return comments;
    }

    // A block scalar's header line (| or > and an optional comment) is not part of its content.
    private long ContentStart(Scalar scalar)
    {
        if (scalar.Style is not (ScalarStyle.Literal or ScalarStyle.Folded))
        {
            return scalar.Start.Index;
        }

        int newline = _text.IndexOf('\n', (int)Math.Min(scalar.Start.Index, _text.Length));
        return newline < 0 ? scalar.Start.Index : newline + 1;
    }

    private void CheckVersion(DocumentStart start)
    {
        if (start.Version is { } version && (version.Version.Major != 1 || version.Version.Minor != 1))
        {
            throw Error(
                $"found incompatible YAML document (version {version.Version.Major}.{version.Version.Minor}); "
                + "only YAML 1.1 directives are accepted",
                start.Start,
                null);
        }
    }

    private void CheckDocumentSize(Mark start, Mark end)
    {
        long chars = end.Index - start.Index;
        if (chars * 3 <= _options.MaxDocumentBytes)
        {
            return;
        }

        int from = (int)Math.Clamp(start.Index, 0, _text.Length);
        int to = (int)Math.Clamp(end.Index, from, _text.Length);
        long bytes = Encoding.UTF8.GetByteCount(_text.AsSpan(from, to - from));
        if (bytes > _options.MaxDocumentBytes)
        {
            ThrowHelper.ThrowSizeExceeded(_options.MaxDocumentBytes, bytes);
        }
    }

    private YamlNode CreateScalar(Scalar scalar)
    {
        if (scalar.Style == ScalarStyle.DoubleQuoted && _options.ReferenceCompatible)
        {
            CheckDoubleQuotedEscapes(scalar);
        }

        var node = new YamlNode
        {
            Kind = YamlNodeKind.Scalar,
            Value = scalar.Value,
            Style = scalar.Style,
            Tag = TagOf(scalar.Tag),
            Start = scalar.Start,
            End = scalar.End,
            Complete = true,
            ExpandedSize = 1,
        };
        Register(scalar.Anchor, node);
        return node;
    }

    // go-yaml rejects the escape \/ and escaped UTF-16 surrogate pairs, both valid JSON (and \/ valid YAML 1.2),
    // which YamlDotNet accepts; only the reference-compatible mode rejects them too.
    private void CheckDoubleQuotedEscapes(Scalar scalar)
    {
        int from = (int)scalar.Start.Index;
        int to = (int)Math.Min(scalar.End.Index, _text.Length);
        ReadOnlySpan<char> raw = _text.AsSpan(from, Math.Max(0, to - from));
        if (raw.IndexOf('\\') < 0)
        {
            return;
        }

        for (int i = 0; i < raw.Length - 1; i++)
        {
            if (raw[i] != '\\')
            {
                continue;
            }

            char c = raw[i + 1];
            if (c == '/')
            {
                throw Error("found unknown escape character while parsing a quoted scalar", scalar.Start, null);
            }

            if (c == 'u' && i + 6 <= raw.Length && int.TryParse(raw.Slice(i + 2, 4),
                    System.Globalization.NumberStyles.AllowHexSpecifier,
                    System.Globalization.CultureInfo.InvariantCulture, out int code)
                && code >= 0xD800 && code <= 0xDFFF)
            {
                throw Error("found invalid Unicode character escape code", scalar.Start, null);
            }

            i++;
        }
    }

    private YamlNode CreateAlias(AnchorAlias alias)
    {
        string name = alias.Value.Value;
        if (!_anchors.TryGetValue(name, out YamlNode? target))
        {
            throw Error($"unknown anchor '{name}' referenced", alias.Start, null);
        }

        if (!target.Complete)
        {
            throw Error($"anchor '{name}' value contains itself", alias.Start, null);
        }

        _aliasExpansion = SaturatingAdd(_aliasExpansion, target.ExpandedSize);
        if (_aliasExpansion > _options.MaxAliasExpansion)
        {
            ThrowHelper.ThrowAliasExpansionExceeded(
                _options.MaxAliasExpansion, alias.Start.Line, alias.Start.Column, ByteOffset(alias.Start));
        }

        return new YamlNode
        {
            Kind = YamlNodeKind.Alias,
            AliasTarget = target,
            AliasName = name,
            Start = alias.Start,
            End = alias.End,
            Complete = true,
            ExpandedSize = target.ExpandedSize,
        };
    }

    private void Open(YamlDocument? document, YamlNode node, AnchorName anchor)
    {
        if (_stack.Count >= _options.MaxDepth)
        {
            Mark m = node.Start;
            ThrowHelper.ThrowDepthExceeded(_options.MaxDepth, m.Line, m.Column, ByteOffset(m));
        }

        AddNode(document, node);
        Register(anchor, node);
        _stack.Add(node);
    }

    private void Close(Mark end)
    {
        YamlNode node = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        node.End = end;
        node.Complete = true;
        long size = 1;
        foreach (YamlNode child in node.Children)
        {
            size = SaturatingAdd(size, child.ExpandedSize);
        }

        node.ExpandedSize = size;
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private void AddNode(YamlDocument? document, YamlNode node)
    {
        if (_stack.Count == 0)
        {
            if (document is not null)
            {
                document.Root = node;
            }

            return;
        }

        _stack[^1].Children.Add(node);
    }

    private void Register(AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }
    }

    private static string? TagOf(TagName tag)
    {
        if (tag.IsEmpty)
        {
            return null;
        }

        string value = tag.Value;
        return value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal)
            ? string.Concat("!!", value.AsSpan("tag:yaml.org,2002:".Length))
            : value;
    }

    public long ByteOffset(Mark mark)
    {
        int index = (int)Math.Clamp(mark.Index, 0, _text.Length);
        return Encoding.UTF8.GetByteCount(_text.AsSpan(0, index));
    }

    public KyamlException Error(string message, Mark at, Exception? inner)
    {
        return new KyamlException(message, Math.Max(1, at.Line), Math.Max(1, at.Column), ByteOffset(at), inner);
    }
}

/// <summary>A comment as it appears in the source: its text from <c>#</c> on, and where it starts.</summary>
internal readonly record struct CommentToken(string Text, bool IsInline, Mark Start);
