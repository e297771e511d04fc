using System.Buffers;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kyaml;

namespace Kyaml.Tests.Reader;

/// <summary>A small value model of a KYAML document, its FsCheck generator, and writing it with the writer.</summary>
internal abstract record KyamlNode
{
    public abstract void WriteTo(Utf8KyamlWriter writer);

    public abstract override string ToString();
}

internal sealed record KyamlMap(IReadOnlyList<KeyValuePair<string, KyamlNode>> Entries) : KyamlNode
{
    public override void WriteTo(Utf8KyamlWriter writer)
    {
        writer.WriteStartMapping();
        foreach (KeyValuePair<string, KyamlNode> entry in Entries)
        {
            writer.WritePropertyName(entry.Key);
            entry.Value.WriteTo(writer);
        }

        writer.WriteEndMapping();
    }

    public override string ToString() =>
        "{" + string.Join(",", Entries.Select(e => KyamlText.Show(e.Key) + ":" + e.Value)) + "}";
}

internal sealed record KyamlList(IReadOnlyList<KyamlNode> Items) : KyamlNode
{
    public override void WriteTo(Utf8KyamlWriter writer)
    {
        writer.WriteStartSequence();
        foreach (KyamlNode item in Items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndSequence();
    }

    public override string ToString() => "[" + string.Join(",", Items) + "]";
}

internal sealed record KyamlText(string Value) : KyamlNode
{
    public static string Show(string value) => "\"" + string.Concat(value.Select(c => $"\\u{(int)c:x4}")) + "\"";

    public override void WriteTo(Utf8KyamlWriter writer) => writer.WriteStringValue(Value);

    public override string ToString() => Show(Value);
}

internal sealed record KyamlInteger(long Value) : KyamlNode
{
    public override void WriteTo(Utf8KyamlWriter writer) => writer.WriteNumberValue(Value);

    public override string ToString() => "i" + Value.ToString(CultureInfo.InvariantCulture);
}

internal sealed record KyamlFloat(double Value) : KyamlNode
{
    public override void WriteTo(Utf8KyamlWriter writer) => writer.WriteNumberValue(Value);

    public override string ToString() => "d" + Value.ToString("R", CultureInfo.InvariantCulture);
}

internal sealed record KyamlBool(bool Value) : KyamlNode
{
    public override void WriteTo(Utf8KyamlWriter writer) => writer.WriteBooleanValue(Value);

    public override string ToString() => Value ? "true" : "false";
}

internal sealed record KyamlNull : KyamlNode
{
    public override void WriteTo(Utf8KyamlWriter writer) => writer.WriteNullValue();

    public override string ToString() => "null";
}

internal static class KyamlNodeGen
{
    private static readonly Gen<char> s_interestingChar = Gen.Elements(
        'a', 'Z', '0', ' ', '\t', '\n', '\r', '"', '\\', '\'', ':', '#', ',', '{', ']', '-', '.', '/', '_',
        '\0', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', '\u00e9', '\u2028', '\u2029', '\u200d', '\ufeff',
        '\u3000', '日', '\uffff');

    public static Gen<string> Text()
    {
        Gen<string> interesting = Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(s_interestingChar, n)).Select(cs => new string(cs));
        Gen<string> emoji = Gen.Elements("🚀", "👨\u200d👩", "x🚀y", "\U000f0000");
        Gen<string> words = Gen.Elements("", "yes", "no", "true", "null", "~", "1", "0777", "1e3", "2002-12-14",
            "app.kubernetes.io/name", "-lead", "a b", "<<", "café");
        return Gen.OneOf(interesting, interesting, emoji, words,
            Gen.Zip(interesting, emoji).Select(p => p.Item1 + p.Item2 + p.Item1));
    }

    public static Gen<KyamlNode> Document() => Gen.Sized(size => Node(Math.Min(size / 10, 4)));

    public static Gen<KyamlNode> Node(int depth)
    {
        Gen<KyamlNode> scalar = Gen.OneOf(
            Text().Select(s => (KyamlNode)new KyamlText(s)),
            Gen.Choose(int.MinValue, int.MaxValue).Select(i => (KyamlNode)new KyamlInteger(i * 3L)),
            Gen.Elements(long.MinValue, long.MaxValue, 0L).Select(i => (KyamlNode)new KyamlInteger(i)),
            Gen.Elements(0.5, -1.25e-7, 3.14159, 1e21, 6.02e23, 123456.789)
                .Select(d => (KyamlNode)new KyamlFloat(d)),
            Gen.Elements(true, false).Select(b => (KyamlNode)new KyamlBool(b)),
            Gen.Constant((KyamlNode)new KyamlNull()));
        if (depth <= 0)
        {
            return scalar;
        }

        Gen<KyamlNode> child = Node(depth - 1);
        Gen<KyamlNode> list = Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(child, n)).Select(items => (KyamlNode)new KyamlList(items.ToList()));
        Gen<KyamlNode> map = Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Gen.Zip(Text(), child), n))
            .Select(pairs => (KyamlNode)new KyamlMap(
                pairs.Select(p => new KeyValuePair<string, KyamlNode>(p.Item1, p.Item2)).ToList()));
        return Gen.OneOf(scalar, list, map, map);
    }

    public static byte[] Write(KyamlNode node, bool compact)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8KyamlWriter(buffer, new KyamlWriterOptions { Compact = compact }))
        {
            writer.WriteStartDocument();
            node.WriteTo(writer);
            writer.WriteEndDocument();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads one document back into the value model.</summary>
    public static KyamlNode Read(byte[] kyaml)
    {
        var reader = new Utf8KyamlReader(kyaml);
        Assert.True(reader.Read());
        Assert.Equal(KyamlTokenType.StartDocument, reader.TokenType);
        Assert.True(reader.Read());
        KyamlNode node = ReadValue(ref reader);
        Assert.True(reader.Read());
        Assert.Equal(KyamlTokenType.EndDocument, reader.TokenType);
        Assert.False(reader.Read());
        return node;
    }

    private static KyamlNode ReadValue(ref Utf8KyamlReader reader)
    {
        switch (reader.TokenType)
        {
            case KyamlTokenType.StartMapping:
                var entries = new List<KeyValuePair<string, KyamlNode>>();
                while (reader.Read() && reader.TokenType != KyamlTokenType.EndMapping)
                {
                    string key = reader.GetString()!;
                    reader.Read();
                    entries.Add(new(key, ReadValue(ref reader)));
                }

                return new KyamlMap(entries);
            case KyamlTokenType.StartSequence:
                var items = new List<KyamlNode>();
                while (reader.Read() && reader.TokenType != KyamlTokenType.EndSequence)
                {
                    items.Add(ReadValue(ref reader));
                }

                return new KyamlList(items);
            case KyamlTokenType.String:
                return new KyamlText(reader.GetString()!);
            case KyamlTokenType.Number:
                return reader.TryGetInt64(out long integer) && !reader.ValueSpan.ContainsAny("."u8) && !reader.ValueSpan.ContainsAny("eE"u8)
                    ? new KyamlInteger(integer)
                    : new KyamlFloat(reader.GetDouble());
            case KyamlTokenType.True:
            case KyamlTokenType.False:
                return new KyamlBool(reader.GetBoolean());
            case KyamlTokenType.Null:
                return new KyamlNull();
            default:
                throw new InvalidOperationException($"Unexpected token {reader.TokenType}.");
        }
    }
}
