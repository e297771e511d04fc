using YamlDotNet.Core;

namespace DeviceHealth.Tests;

internal static class TestFiles
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static string Text(params string[] parts) => File.ReadAllText(Path(parts));

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(Path(parts));

    /// <summary>Converts a YAML document of the shared data to JSON bytes (YamlDotNet is a test-only dependency).</summary>
    public static byte[] YamlToJson(string yaml, int document = 0)
    {
        YamlDotNet.Core.Parser parser = new(new StringReader(yaml));
        YamlDotNet.Serialization.IDeserializer deserializer = new YamlDotNet.Serialization.DeserializerBuilder().Build();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        int index = 0;
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            object? graph = deserializer.Deserialize(parser);
            if (index++ == document)
            {
                using MemoryStream ms = new();
                using (System.Text.Json.Utf8JsonWriter w = new(ms))
                {
                    Write(w, graph);
                }

                return ms.ToArray();
            }
        }

        throw new InvalidOperationException($"document {document} not found");
    }

    private static void Write(System.Text.Json.Utf8JsonWriter w, object? node)
    {
        switch (node)
        {
            case null:
                w.WriteNullValue();
                break;
            case Dictionary<object, object> map:
                w.WriteStartObject();
                foreach (KeyValuePair<object, object> p in map)
                {
                    w.WritePropertyName(p.Key.ToString()!);
                    Write(w, p.Value);
                }

                w.WriteEndObject();
                break;
            case List<object> list:
                w.WriteStartArray();
                foreach (object item in list)
                {
                    Write(w, item);
                }

                w.WriteEndArray();
                break;
            case string s when long.TryParse(s, out long n) && n.ToString(System.Globalization.CultureInfo.InvariantCulture) == s:
                w.WriteNumberValue(n);
                break;
            default:
                w.WriteStringValue(node.ToString());
                break;
        }
    }
}
