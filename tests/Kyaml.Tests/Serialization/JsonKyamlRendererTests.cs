using System.Buffers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kyaml;
using Kyaml.Tests.Reader;

namespace Kyaml.Tests.Serialization;

/// <summary>The serializer's JSON-to-KYAML path against the converter's kubectl form of the same JSON.</summary>
public class JsonKyamlRendererTests
{
    private static readonly KyamlConverterOptions s_kubectl = new() { KubectlForm = true };

    public static TheoryData<string> JsonCases() => new(
        Directory.EnumerateDirectories(Path.Combine(AppContext.BaseDirectory, "TestData", "reader", "upstream", "from-object"))
            .Where(d => File.Exists(Path.Combine(d, "input.yaml")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(JsonCases))]
    public void Render_UpstreamJson_EqualsConverterKubectlForm(string name)
    {
        byte[] json = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "reader", "upstream", "from-object", name, "input.yaml"));

        Assert.Equal(Encoding.UTF8.GetString(KyamlConverter.Convert(json, s_kubectl)), Render(json));
    }

    [Theory]
    [InlineData("{\"b\":1,\"a\":{\"\\ud83d\\ude80\":1,\"\\ue000\":2,\"z\":3}}")] // U+E000 sorts before U+1F680 in UTF-8
    [InlineData("[1.5,1E+21,1e-7,0.000001,100,-0,12345678901234567890123,1.10]")]
    [InlineData("{\"list\":[{},[]],\"mixed\":[{},1],\"empty\":[],\"s\":\"yes\",\"n\":null,\"t\":true}")]
    [InlineData("\"top\"")]
    [InlineData("null")]
    public void Render_Json_EqualsConverterKubectlForm(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);

        Assert.Equal(Encoding.UTF8.GetString(KyamlConverter.Convert(bytes, s_kubectl)), Render(bytes));
    }

    [Property(MaxTest = 200)]
    public Property Render_GeneratedJson_EqualsConverterKubectlForm()
    {
        return Prop.ForAll(KyamlNodeGen.Document().ToArbitrary(), node =>
        {
            byte[] json = ToJson(node);
            string expected;
            try
            {
                expected = Encoding.UTF8.GetString(KyamlConverter.Convert(json, s_kubectl));
            }
            catch (KyamlException)
            {
                // kubectl rejects DEL and U+FFFF in strings; the renderer must reject them as well.
                return Throws(json).Label("converter rejected it, so must the renderer");
            }

            return (Render(json) == expected).Label(Encoding.UTF8.GetString(json));
        });
    }

    private static bool Throws(byte[] json)
    {
        try
        {
            Render(json);
            return false;
        }
        catch (KyamlException)
        {
            return true;
        }
    }

    private static string Render(byte[] json)
    {
        var output = new ArrayBufferWriter<byte>();
        JsonKyamlRenderer.Render(json, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static byte[] ToJson(KyamlNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(node, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(KyamlNode node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case KyamlMap map:
                writer.WriteStartObject();
                foreach (var entry in map.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(entry.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case KyamlList list:
                writer.WriteStartArray();
                foreach (KyamlNode item in list.Items)
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case KyamlText text:
                writer.WriteStringValue(text.Value);
                break;
            case KyamlInteger integer:
                writer.WriteNumberValue(integer.Value);
                break;
            case KyamlFloat number:
                writer.WriteNumberValue(number.Value);
                break;
            case KyamlBool b:
                writer.WriteBooleanValue(b.Value);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
