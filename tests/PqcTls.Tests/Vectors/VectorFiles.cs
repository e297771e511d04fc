using System.IO.Compression;
using System.Text.Json;

namespace PqcTls.Tests.Vectors;

/// <summary>Reads the copied test vectors under TestData/vectors (provenance in TestData/vectors/README.md).</summary>
internal static class VectorFiles
{
    public static string PathOf(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "TestData", "vectors", .. parts]);

    public static JsonElement ReadJson(params string[] parts)
    {
        using FileStream stream = File.OpenRead(PathOf(parts));
        using JsonDocument document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }

    public static string[] ReadGzipLines(params string[] parts)
    {
        using FileStream file = File.OpenRead(PathOf(parts));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static byte[] Hex(this JsonElement element, string property) =>
        Convert.FromHexString(element.GetProperty(property).GetString()!);

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static IEnumerable<JsonElement> Tests(JsonElement file)
    {
        foreach (JsonElement group in file.GetProperty("testGroups").EnumerateArray())
        {
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                yield return test;
            }
        }
    }
}
