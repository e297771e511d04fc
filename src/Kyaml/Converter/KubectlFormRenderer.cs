using System.Globalization;
using System.Text;
using Kyaml.Internal;
using YamlDotNet.Core;

namespace Kyaml.Converter;

/// <summary>
/// Writes documents the way <c>kubectl get -o kyaml</c> would print the same data: read with YAML 1.1 rules
/// (go-yaml v2: <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c>/<c>y</c>/<c>n</c> are booleans, <c>0777</c> is octal),
/// turned into JSON data (merge keys applied, aliases expanded, keys as strings, later duplicate keys winning),
/// then written with mapping keys sorted by their UTF-8 bytes, numbers in Go's JSON form and no comments.
/// </summary>
internal sealed class KubectlFormRenderer
{
    private readonly Utf8KyamlWriter _writer;
    private readonly YamlTreeBuilder _source;
    private readonly bool _referenceCompatible;
    private int _depth;

    public KubectlFormRenderer(Utf8KyamlWriter writer, YamlTreeBuilder source, bool referenceCompatible)
    {
        _writer = writer;
        _source = source;
        _referenceCompatible = referenceCompatible;
    }

    /// <summary>
    /// Splits the stream the way kubectl's YAML reader does (at lines that are exactly <c>---</c>), reads each part
    /// with YAML 1.1 rules and writes every non-empty document.
    /// </summary>
    public static void Convert(string text, Utf8KyamlWriter writer, KyamlConverterOptions options)
    {
        RejectControlCharacters(text);
        int start = 0;
        int line = 1;
        int chunkLine = 1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool atLineStart = i == 0 || text[i - 1] == '\n';
            if (i < text.Length && !atLineStart)
            {
                continue;
            }

            if (i > 0 && i <= text.Length && text[i - 1] == '\n')
            {
                line++;
            }

            if (i == text.Length || !text.AsSpan(i).StartsWith("---"))
            {
                if (i == text.Length)
                {
                    ConvertChunk(text[start..], chunkLine, writer, options);
                }

                continue;
            }

            int end = text.IndexOf('\n', i);
            ReadOnlySpan<char> separator = text.AsSpan(i, (end < 0 ? text.Length : end) - i).TrimEnd(" \t\r");
            if (separator.Length != 3)
            {
                throw new KyamlException(
                    $"invalid document separator: \"{separator}\"",
                    line,
                    1,
                    System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(0, i)));
            }

            ConvertChunk(text[start..i], chunkLine, writer, options);
            start = end < 0 ? text.Length : end + 1;
            chunkLine = line + 1;
            i = start - 1;
            line++;
            if (end < 0)
            {
                break;
            }
        }
    }

    private static void ConvertChunk(string chunk, int firstLine, Utf8KyamlWriter writer, KyamlConverterOptions options)
    {
        if (chunk.AsSpan().Trim().IsEmpty)
        {
            return;
        }

        var builder = new YamlTreeBuilder(chunk, options);
        List<(YamlDocument Document, List<CommentToken> Comments)> documents;
        try
        {
            documents = builder.Build();
        }
        catch (KyamlException ex) when (ex.LineNumber is long l)
        {
            throw new KyamlException(ex.Message, l + firstLine - 1, ex.Column, null, ex) { Kind = ex.Kind };
        }

        if (documents.Count == 0 && chunk.TrimStart().StartsWith('%'))
        {
            throw new KyamlException("did not find expected <document start>", firstLine, 1, null);
        }

        var renderer = new KubectlFormRenderer(writer, builder, options.ReferenceCompatible)
        {
            MaxDepth = options.MaxDepth,
            FirstLine = firstLine,
        };
        foreach ((YamlDocument document, _) in documents)
        {
            renderer.RenderDocument(document);
        }
    }

    // go-yaml v2, which kubectl reads manifests with, accepts only printable characters in the input.
    private static void RejectControlCharacters(string text)
    {
        long line = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                continue;
            }

            bool allowed = c == '\t' || c == '\r' || (c >= 0x20 && c <= 0x7E) || c == 0x85
                || (c >= 0xA0 && c <= 0xFFFD && c != 0xFEFF) || char.IsSurrogate(c) || (c == 0xFEFF && i == 0);
            if (!allowed)
            {
                throw new KyamlException(
                    "control characters are not allowed", line, 1, System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(0, i)));
            }
        }
    }

    public void RenderDocument(YamlDocument document)
    {
        YamlNode? root = document.Root;
        if (root is null || (root.Kind == YamlNodeKind.Scalar && root.Style == ScalarStyle.Plain && root.Tag is null
            && root.Value.Length == 0))
        {
            // kubectl skips empty documents.
            return;
        }

        object? value = ToData(root);

        _writer.WriteStartDocument();
        Write(value);
        _writer.WriteEndDocument();
    }

    private void Write(object? value)
    {
        switch (value)
        {
            case null:
                _writer.WriteNullValue();
                break;
            case bool b:
                _writer.WriteBooleanValue(b);
                break;
            case JsonNumber n:
                _writer.WriteVerbatimScalar(Encoding.UTF8.GetBytes(n.Text));
                break;
            case string s:
                RejectRawControl(s);
                if (_referenceCompatible)
                {
                    // kubectl's JSON leaves U+0085 raw, and go-yaml then reads it as a line break folded to a space.
                    s = s.Replace('\u0085', ' ');
                }

                _writer.WriteStringValue(s);
                break;
            case List<object?> list:
                WriteList(list);
                break;
            case List<KeyValuePair<string, object?>> map:
                _writer.WriteStartMapping();
                foreach (KeyValuePair<string, object?> entry in map)
                {
                    RejectRawControl(entry.Key);
                    _writer.WritePropertyName(entry.Key);
                    Write(entry.Value);
                }

                _writer.WriteEndMapping();
                break;
        }
    }

    // The kubectl path re-reads its JSON as YAML, and go-yaml rejects DEL and U+FFFE/U+FFFF, which JSON leaves raw.
    private static void RejectRawControl(string s)
    {
        if (s.AsSpan().IndexOfAny('\u007f', '\ufffe', '\uffff') >= 0)
        {
            throw new KyamlException("control characters are not allowed");
        }
    }

    private void WriteList(List<object?> list)
    {
        bool cuddle = list.Count > 0;
        foreach (object? item in list)
        {
            if (item is not (List<object?> or List<KeyValuePair<string, object?>>))
            {
                cuddle = false;
                break;
            }
        }

        _writer.WriteStartSequence(cuddle ? KyamlSequenceLayout.Cuddled : KyamlSequenceLayout.Block);
        foreach (object? item in list)
        {
            Write(item);
        }

        _writer.WriteEndSequence();
    }

    /// <summary>Gets the deepest nesting allowed once aliases are expanded (the converter's <c>MaxDepth</c>).</summary>
    public int MaxDepth { get; init; } = KyamlConverterOptions.DefaultMaxDepth;

    /// <summary>Gets the line of the stream on which this renderer's chunk starts.</summary>
    public int FirstLine { get; init; } = 1;

    private object? ToData(YamlNode node)
    {
        YamlNode at = node;
        node = node.Resolved;
        if (node.Kind == YamlNodeKind.Scalar)
        {
            return ScalarToData(node);
        }

        // Aliases can nest a deep anchored collection inside itself again and again: the parser's depth check does
        // not see that, and this recursion would overflow the stack (which ends the process) without this one.
        if (++_depth > MaxDepth)
        {
            // Within a later chunk the builder's byte offsets are the chunk's, so only line and column are given.
            long? offset = FirstLine == 1 ? _source.ByteOffset(at.Start) : null;
            throw new KyamlException(
                $"The maximum depth of {MaxDepth} was exceeded.",
                at.Start.Line + FirstLine - 1,
                at.Start.Column,
                offset)
            {
                Kind = KyamlErrorKind.DepthLimitExceeded,
            };
        }

        object? result;
        if (node.Kind == YamlNodeKind.Sequence)
        {
            var list = new List<object?>(node.Children.Count);
            foreach (YamlNode child in node.Children)
            {
                list.Add(ToData(child));
            }

            result = list;
        }
        else
        {
            var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
            AddEntries(node, entries, overwrite: true);
            var sorted = new List<KeyValuePair<string, object?>>(entries);
            sorted.Sort(static (a, b) => CompareUtf8(a.Key, b.Key));
            result = sorted;
        }

        _depth--;
        return result;
    }

    private void AddEntries(YamlNode mapping, Dictionary<string, object?> entries, bool overwrite)
    {
        // Explicit keys win over merged ones, so merges are applied after the mapping's own entries.
        var merges = new List<YamlNode>();
        for (int i = 0; i + 1 < mapping.Children.Count; i += 2)
        {
            YamlNode key = mapping.Children[i];
            if (KyamlRenderer.IsMergeKey(key))
            {
                merges.Add(mapping.Children[i + 1]);
                continue;
            }

            string name = KeyToString(key);
            if (overwrite || !entries.ContainsKey(name))
            {
                entries[name] = ToData(mapping.Children[i + 1]);
            }
        }

        foreach (YamlNode merge in merges)
        {
            YamlNode source = merge.Resolved;
            if (source.Kind == YamlNodeKind.Mapping)
            {
                AddEntries(source, entries, overwrite: false);
            }
            else if (source.Kind == YamlNodeKind.Sequence)
            {
                foreach (YamlNode item in source.Children)
                {
                    if (item.Resolved.Kind != YamlNodeKind.Mapping)
                    {
                        throw _source.Error("map merge requires map or sequence of maps as the value", item.Start, null);
                    }

                    AddEntries(item.Resolved, entries, overwrite: false);
                }
            }
            else
            {
                throw _source.Error("map merge requires map or sequence of maps as the value", merge.Start, null);
            }
        }
    }

    private string KeyToString(YamlNode key)
    {
        YamlNode resolved = key.Resolved;
        if (resolved.Kind != YamlNodeKind.Scalar)
        {
            throw _source.Error("invalid map key: a mapping or sequence cannot be a key", key.Start, null);
        }

        object? value = ScalarToData(resolved);
        return value switch
        {
            null => throw _source.Error("unsupported map key: null", key.Start, null),
            bool b => b ? "true" : "false",
            JsonNumber n => n.Text,
            _ => (string)value,
        };
    }

    private object? ScalarToData(YamlNode node)
    {
        string? tag = node.Tag;
        bool plain = node.Style == ScalarStyle.Plain;
        if (tag == "!!str" || (!plain && tag is null) || (tag is not null && !tag.StartsWith("!!", StringComparison.Ordinal)
            && tag != "!"))
        {
            return node.Value;
        }

        if (tag == "!!binary")
        {
            return DecodeBinary(node);
        }

        object? value = plain || tag is not null ? ResolveYaml11(node) : node.Value;
        if (tag is null || tag == "!" || tag == "!!timestamp")
        {
            return value;
        }

        bool matches = tag switch
        {
            "!!int" => value is JsonNumber { IsInteger: true },
            "!!float" => value is JsonNumber,
            "!!bool" => value is bool,
            "!!null" => value is null,
            _ => true,
        };
        if (!matches)
        {
            throw _source.Error($"cannot decode {tag} `{node.Value}`", node.Start, null);
        }

        if (tag == "!!float" && value is JsonNumber { IsInteger: true } integer)
        {
            return new JsonNumber(GoFloat(double.Parse(integer.Text, CultureInfo.InvariantCulture)), false);
        }

        return value;
    }

    private static string DecodeBinary(YamlNode node)
    {
        string compact = string.Concat(node.Value.Where(static c => !char.IsWhiteSpace(c)));
        try
        {
            return Encoding.UTF8.GetString(System.Convert.FromBase64String(compact));
        }
        catch (FormatException ex)
        {
            throw new KyamlException(
                "!!binary value contains invalid base64 data", node.Start.Line, node.Start.Column, null, ex);
        }
    }

    private object? ResolveYaml11(YamlNode node)
    {
        string s = node.Value;
        switch (s)
        {
            case "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "true" or "True" or "TRUE":
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "false" or "False" or "FALSE":
                return false;
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF"
                or "-.inf" or "-.Inf" or "-.INF":
                throw _source.Error($"json: unsupported value: {s}", node.Start, null);
        }

        if (s.Length == 0 || !(char.IsAsciiDigit(s[0]) || s[0] is '+' or '-' or '.'))
        {
            return s;
        }

        string noUnderscores = s.Replace("_", string.Empty, StringComparison.Ordinal);
        if (TryParseGoInteger(noUnderscores, out Int128 integer))
        {
            return new JsonNumber(integer.ToString(CultureInfo.InvariantCulture), true);
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(noUnderscores);
        if (s[0] != '.' && ScalarRules.ResolveNumeric(utf8, untagged: false) == PlainScalarKind.Float)
        {
            return new JsonNumber(GoFloat(double.Parse(noUnderscores, CultureInfo.InvariantCulture)), false);
        }

        if (s[0] == '.' && GoNumberSyntax.ParseFloat(utf8) == GoNumberSyntax.Result.Ok)
        {
            return new JsonNumber(GoFloat(double.Parse(noUnderscores, CultureInfo.InvariantCulture)), false);
        }

        return s;
    }

    // Go's ParseInt/ParseUint with base 0 (and the 0b/-0b, 0o/-0o forms): a value that fits int64 or uint64.
    private static bool TryParseGoInteger(string s, out Int128 value)
    {
        value = 0;
        bool negative = false;
        int i = 0;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            i = 1;
        }

        string body = s[i..];
        if (body.Length == 0)
        {
            return false;
        }

        int radix = 10;
        if (body[0] == '0' && body.Length >= 3 && char.ToLowerInvariant(body[1]) is 'b' or 'o' or 'x')
        {
            radix = char.ToLowerInvariant(body[1]) switch { 'b' => 2, 'o' => 8, _ => 16 };
            body = body[2..];
        }
        else if (body[0] == '0' && body.Length > 1)
        {
            radix = 8;
            body = body[1..];
        }

        UInt128 magnitude = 0;
        foreach (char c in body)
        {
            int digit = c is >= '0' and <= '9' ? c - '0'
                : char.ToLowerInvariant(c) is >= 'a' and <= 'z' ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * (uint)radix) + (uint)digit;
            if (magnitude > ulong.MaxValue)
            {
                return false;
            }
        }

        if (negative)
        {
            if (magnitude > (UInt128)long.MaxValue + 1)
            {
                return false;
            }

            value = -(Int128)magnitude;
            return true;
        }

        value = (Int128)magnitude;
        return true;
    }

    private static string GoFloat(double value)
    {
        Span<byte> buffer = stackalloc byte[40];
        int n = GoFloatFormatter.Format(value, buffer);
        return Encoding.ASCII.GetString(buffer[..n]);
    }

    private static int CompareUtf8(string a, string b)
    {
        int max = Encoding.UTF8.GetMaxByteCount(Math.Max(a.Length, b.Length));
        if (max > 512)
        {
            return Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
        }

        Span<byte> x = stackalloc byte[512];
        Span<byte> y = stackalloc byte[512];
        int nx = Encoding.UTF8.GetBytes(a, x);
        int ny = Encoding.UTF8.GetBytes(b, y);
        return x[..nx].SequenceCompareTo(y[..ny]);
    }

    private sealed record JsonNumber(string Text, bool IsInteger);
}
