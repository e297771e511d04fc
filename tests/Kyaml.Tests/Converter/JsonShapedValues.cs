using System.Buffers;
using FsCheck;
using FsCheck.Fluent;

namespace Kyaml.Tests.Converter;

/// <summary>Generators of JSON-shaped values (maps with string keys, lists, strings, integers, floats, booleans, null).</summary>
internal static class JsonShapedValues
{
    private static readonly string[] s_tricky =
    [
        "", " ", "yes", "no", "on", "off", "y", "n", "true", "null", "~", "1", "0777", "1e3", "0x1F", ".inf", "1:20",
        "2002-12-14", "-", "- a", "a: b", "#", "a #b", "\"", "'", "\\", "\\n", "\n", "\t", "\r\n", " lead", "trail ",
        "line1\nline2\n", "\n\n", "\u00a0", "\u2028", "\u0085", "\u200d", "\ufeff", "é", "日本語", "🚀", "👨‍👩‍👧",
        "{", "}", "[", "]", ",", "&a", "*a", "!tag", "%", "@", "`", "|", ">", "a\u0000b", "\u007f", "\u001b",
        "app.kubernetes.io/name", "-leading", "trailing.",
    ];

    private static readonly char[] s_alphabet =
        "abcXYZ019 _-./:#\"'\\\n\t\r{}[],&*!|>%@`é日🚀\u00a0\u2028\u0085\u0001\u007f".ToCharArray();

    public static Gen<string> Strings { get; } = Gen.Frequency(
        (2, Gen.Elements(s_tricky)),
        (3, Gen.ArrayOf(Gen.Elements(s_alphabet)).Select(chars => RemoveBrokenSurrogates(new string(chars)))));

    public static Gen<object?> Values { get; } = Gen.Sized(size => Value(Math.Min(size, 12)));

    public static Arbitrary<object?> Arbitrary { get; } = Arb.From(Values);

    private static Gen<object?> Value(int size)
    {
        Gen<object?> scalar = Gen.OneOf(
            Strings.Select(s => (object?)s),
            Gen.Choose(int.MinValue, int.MaxValue).Select(i => (object?)((long)i * 3)),
            Gen.Elements(0.5, -2.25, 1e21, 1.5e-7, 3.14159, 0.0, 123456.789).Select(d => (object?)d),
            Gen.Elements(true, false).Select(b => (object?)b),
            Gen.Constant<object?>(null));
        if (size <= 1)
        {
            return scalar;
        }

        Gen<object?> list = Gen.ListOf(Value(size / 3), 4)
            .SelectMany(_ => Gen.Choose(0, 4), (items, n) => (object?)items.Take(n).ToList());
        Gen<object?> map = Gen.ListOf(Strings.Zip(Value(size / 3)), 4)
            .SelectMany(_ => Gen.Choose(0, 4), (pairs, n) =>
            {
                var result = new List<KeyValuePair<string, object?>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach ((string key, object? value) in pairs.Take(n))
                {
                    if (seen.Add(key))
                    {
                        result.Add(new KeyValuePair<string, object?>(key, value));
                    }
                }

                return (object?)result;
            });
        return Gen.Frequency((3, scalar), (2, list), (2, map));
    }

    private static string RemoveBrokenSurrogates(string s)
    {
        var chars = new List<char>(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                chars.Add(s[i]);
                chars.Add(s[++i]);
            }
            else if (!char.IsSurrogate(s[i]))
            {
                chars.Add(s[i]);
            }
        }

        return new string(chars.ToArray());
    }

    /// <summary>Writes a value with <see cref="Utf8KyamlWriter"/> as one document.</summary>
    public static byte[] WriteKyaml(object? value, bool compact)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8KyamlWriter(buffer, new KyamlWriterOptions { Compact = compact }))
        {
            writer.WriteStartDocument();
            Write(writer, value);
            writer.WriteEndDocument();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8KyamlWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case List<object?> list:
                // The reference cuddles a list only when every item is a collection.
                bool cuddled = list.Count > 0 && list.TrueForAll(
                    static item => item is List<object?> or List<KeyValuePair<string, object?>>);
                writer.WriteStartSequence(cuddled ? KyamlSequenceLayout.Cuddled : KyamlSequenceLayout.Block);
                foreach (object? item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndSequence();
                break;
            case List<KeyValuePair<string, object?>> map:
                writer.WriteStartMapping();
                foreach (KeyValuePair<string, object?> entry in map)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value);
                }

                writer.WriteEndMapping();
                break;
        }
    }
}
