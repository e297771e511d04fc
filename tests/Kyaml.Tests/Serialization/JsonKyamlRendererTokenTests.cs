using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kyaml;

namespace Kyaml.Tests.Serialization;

/// <summary>
/// The token-table renderer's own paths (key sorting, duplicates, number fast path, depth, pooling) against the
/// converter's kubectl form of the same JSON, which builds a YAML tree and shares none of that code.
/// </summary>
public class JsonKyamlRendererTokenTests
{
    private static readonly KyamlConverterOptions s_kubectl = new() { KubectlForm = true };

    [Theory]
    // Escaped and raw non-ASCII keys: UTF-8 order puts U+00E9 < U+E000 < U+1F680, UTF-16 order would not.
    [InlineData("{\"\\ud83d\\ude80\":1,\"é\":2,\"\\ue000\":3,\"e\":4,\"\\u0041\":5}")]
    // Duplicates: the last one wins, also when it is not the last key in sorted order.
    [InlineData("{\"b\":1,\"a\":2,\"b\":{\"x\":3},\"a\":[4],\"c\":5,\"b\":\"six\"}")]
    // Escaped string values, including one that must be written with escapes and one that needs none.
    [InlineData("{\"s\":\"tab\\there\",\"q\":\"\\\"quoted\\\"\",\"p\":\"\\u0070lain\",\"n\":\"a\\nb\"}")]
    // Integers at the int64/uint64 edges, -0, 18/19/20 digit values and ones past uint64 (become floats).
    [InlineData("[0,-0,999999999999999999,-999999999999999999,9223372036854775807,-9223372036854775808,"
        + "9223372036854775808,18446744073709551615,18446744073709551616,-9223372036854775809,"
        + "100000000000000000000000,1.0,1e2,-0.0]")]
    // Whitespace between tokens is skipped.
    [InlineData(" { \"b\" : [ 1 , { } ] ,\n \"a\" : null } ")]
    public void Render_TokenPaths_EqualsConverterKubectlForm(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);

        Assert.Equal(Convert(bytes), Render(bytes));
    }

    [Fact]
    public void Render_ObjectWithManyKeys_SortsLikeConverter()
    {
        // 40 keys in reverse order take the general sort rather than the small-object insertion sort.
        string json = "{" + string.Join(",", Enumerable.Range(0, 40).Reverse().Select(i => $"\"k{i:D2}\":{i}")) + "}";
        byte[] bytes = Encoding.UTF8.GetBytes(json);

        string rendered = Render(bytes);

        Assert.Equal(Convert(bytes), rendered);
        Assert.StartsWith("---\n{\n  k00: 0,\n  k01: 1,\n", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DuplicateKeyReplacesValueWithDel_DoesNotThrow()
    {
        // The replaced value (and the key inside it) never reaches kubectl's parser; only {"a": 1} does.
        byte[] bytes = Encoding.UTF8.GetBytes("{\"a\":{\"\\u007f\":\"\\u007f\"},\"a\":1}");

        Assert.Equal("---\n{\n  a: 1,\n}\n", Render(bytes));
        Assert.Equal(Convert(bytes), Render(bytes));
    }

    [Theory]
    [InlineData("{\"a\":\"x\\u007fy\"}")]
    [InlineData("{\"x\\uffffy\":1}")]
    [InlineData("[\"\\ufffe\"]")]
    [InlineData("[\"raw \u007f\"]")]
    public void Render_TextKubectlRejects_ThrowsKyamlException(string json)
    {
        Assert.Throws<KyamlException>(() => Render(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData(256, false)]
    [InlineData(257, true)]
    public void Render_DeepNesting_HonoursDepthLimit(int depth, bool throws)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));

        if (throws)
        {
            Assert.ThrowsAny<JsonException>(() => Render(bytes));
        }
        else
        {
            Assert.Equal(Convert(bytes), Render(bytes));
        }
    }

    [Fact]
    public void Render_AfterFailure_NextRenderIsUnaffected()
    {
        // The pooled token table must not leak state from a render that threw half-way.
        byte[] good = Encoding.UTF8.GetBytes("{\"b\":[1,2],\"a\":{\"c\":\"d\"}}");
        string expected = Convert(good);

        Assert.Throws<KyamlException>(() => Render(Encoding.UTF8.GetBytes("{\"z\":{\"y\":[\"\\u007f\"]}}")));
        Assert.ThrowsAny<JsonException>(() => Render(Encoding.UTF8.GetBytes("{\"a\":[1,")));

        Assert.Equal(expected, Render(good));
    }

    [Fact]
    public void Serialize_ConverterThatSerializesKyamlInside_BothDocumentsComplete()
    {
        // A nested call runs while the outer call holds the thread's pooled state.
        var value = new Outer { Inner = new Inner { B = 2, A = "x" } };

        string kyaml = KyamlSerializer.Serialize(value, NestingContext.Default.Outer);

        // Inner alone: {"b":2,"a":"x"} with sorted keys; the outer document embeds that text as a string.
        string inner = KyamlSerializer.Serialize(value.Inner, NestingContext.Default.Inner);
        Assert.Equal("---\n{\n  a: \"x\",\n  b: 2,\n}\n", inner);
        Assert.Equal(Convert(JsonSerializer.SerializeToUtf8Bytes(value, NestingContext.Default.Outer)), kyaml);
    }

    [Fact]
    public void Deserialize_ConverterThatDeserializesKyamlInside_BothValuesRead()
    {
        // The outer document's "inner" value is itself a KYAML document, read by the converter in a nested call
        // while the outer call holds the thread's pooled JSON buffer.
        string kyaml = "{inner: \"{a: x, b: 2}\", }";

        Outer? value = KyamlSerializer.Deserialize(kyaml, NestingContext.Default.Outer);

        Assert.NotNull(value?.Inner);
        Assert.Equal("x", value.Inner.A);
        Assert.Equal(2, value.Inner.B);
    }

    [Fact]
    public void Deserialize_AfterFailure_NextDeserializeIsUnaffected()
    {
        Assert.Throws<KyamlException>(() => KyamlSerializer.Deserialize("{a: x, b: [1,", NestingContext.Default.Inner));

        Inner? value = KyamlSerializer.Deserialize("{a: y, b: 3}", NestingContext.Default.Inner);

        Assert.Equal("y", value?.A);
        Assert.Equal(3, value?.B);
    }

    private static string Convert(byte[] json) => Encoding.UTF8.GetString(KyamlConverter.Convert(json, s_kubectl));

    private static string Render(byte[] json)
    {
        var output = new ArrayBufferWriter<byte>();
        JsonKyamlRenderer.Render(json, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public sealed class Outer
    {
        [JsonConverter(typeof(InnerAsKyamlConverter))]
        public Inner? Inner { get; set; }
    }

    public sealed class Inner
    {
        public int B { get; set; }

        public string? A { get; set; }
    }

    public sealed class InnerAsKyamlConverter : JsonConverter<Inner>
    {
        public override Inner? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            KyamlSerializer.Deserialize(reader.GetString()!, NestingContext.Default.Inner);

        public override void Write(Utf8JsonWriter writer, Inner value, JsonSerializerOptions options)
        {
            writer.WriteStringValue(KyamlSerializer.Serialize(value, NestingContext.Default.Inner));
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(JsonKyamlRendererTokenTests.Outer))]
[JsonSerializable(typeof(JsonKyamlRendererTokenTests.Inner))]
internal sealed partial class NestingContext : JsonSerializerContext
{
}
