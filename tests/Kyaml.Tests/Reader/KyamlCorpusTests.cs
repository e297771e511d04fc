using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kyaml;
using static Kyaml.Tests.Reader.ReaderTestHelpers;

namespace Kyaml.Tests.Reader;

/// <summary>The reference encoder's outputs (TestData/reader, copied from the conformance set) read as KYAML.</summary>
public class KyamlCorpusTests
{
    /// <summary>
    /// Outputs of the reference encoder that are not KYAML, with the reason and what the strict reader reports.
    /// Every other file must be accepted.
    /// </summary>
    private static readonly Dictionary<string, string> s_notKyaml = new(StringComparer.Ordinal)
    {
        // An explicit !!bool / !!int tag on text that is not a bool or int is printed bare ("yes", "abc"): a plain
        // string, which KYAML forbids (reference defect 7 in the KYAML notes).
        ["tricky/tags/expected.kyaml"] = "unquoted string 'yes'",
        ["tricky/tags/expected-compact.kyaml"] = "unquoted string 'yes'",

        // An empty sequence item is printed as a bare ',' (reference defect 1): not valid YAML at all.
        ["tricky/empty-and-null/expected.kyaml"] = "empty sequence item",
        ["tricky/empty-and-null/expected-compact.kyaml"] = "empty sequence item",
        ["tricky/empty-sequence-item/expected.kyaml"] = "empty sequence item",
        ["tricky/empty-sequence-item/expected-compact.kyaml"] = "empty sequence item",
    };

    public static TheoryData<string> Files() => new(CorpusFiles());

    public static TheoryData<string> FromObjectCases() => new(
        Directory.EnumerateDirectories(TestDataPath("reader", "upstream", "from-object"))
            .Where(d => File.Exists(Path.Combine(d, "expected.kyaml")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_ReferenceEncoderOutput_StrictReaderAcceptsKyamlAndRejectsKnownDefects(string file)
    {
        byte[] input = File.ReadAllBytes(TestDataPath("reader", file));
        var options = new KyamlReaderOptions { CommentHandling = KyamlCommentHandling.Allow, MaxDepth = 256 };

        if (s_notKyaml.TryGetValue(file, out string? reason))
        {
            KyamlException error = Assert.Throws<KyamlException>(() => ReadAll(input, options));
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
            Assert.NotNull(error.LineNumber);
            return;
        }

        List<string> tokens = ReadAll(input, options);

        // Every non-empty file holds at least one document, and the tokens balance.
        Assert.Equal(input.Length == 0, tokens.Count == 0);
        Assert.Equal(tokens.Count(t => t.StartsWith("StartDocument", StringComparison.Ordinal)), tokens.Count(t => t.StartsWith("EndDocument", StringComparison.Ordinal)));
        Assert.Equal(tokens.Count(t => t.StartsWith("StartMapping", StringComparison.Ordinal)), tokens.Count(t => t.StartsWith("EndMapping", StringComparison.Ordinal)));
        Assert.Equal(tokens.Count(t => t.StartsWith("StartSequence", StringComparison.Ordinal)), tokens.Count(t => t.StartsWith("EndSequence", StringComparison.Ordinal)));
        Assert.Equal(Count(input, "\n---\n"u8) + (input.AsSpan().StartsWith("---\n"u8) ? 1 : 0), tokens.Count(t => t.StartsWith("StartDocument", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(FromObjectCases))]
    public void Read_FromObjectOutput_ReadsBackToTheSourceJson(string name)
    {
        // The reference encoder produced expected.kyaml from the JSON in input.yaml; reading it back must give
        // the same data (numbers compared by value, as JSON numbers).
        string folder = TestDataPath("reader", "upstream", "from-object", name);
        JsonNode? source = JsonNode.Parse(File.ReadAllBytes(Path.Combine(folder, "input.yaml")));

        JsonNode? read = ReadAsJson(File.ReadAllBytes(Path.Combine(folder, "expected.kyaml")));

        Assert.True(JsonNode.DeepEquals(Normalize(source), Normalize(read)), $"{source?.ToJsonString()} != {read?.ToJsonString()}");
        string compact = Path.Combine(folder, "expected-compact.kyaml");
        if (File.Exists(compact))
        {
            Assert.True(JsonNode.DeepEquals(Normalize(source), Normalize(ReadAsJson(File.ReadAllBytes(compact)))));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_SequenceWithThreeSegments_GivesSameTokensAsSpan(string file)
    {
        if (s_notKyaml.ContainsKey(file))
        {
            return;
        }

        byte[] input = File.ReadAllBytes(TestDataPath("reader", file));
        var options = new KyamlReaderOptions { CommentHandling = KyamlCommentHandling.Allow, MaxDepth = 256 };
        List<string> expected = ReadAll(input, options);
        var random = new Random(input.Length);

        for (int round = 0; round < 3; round++)
        {
            int[] cuts = [random.Next(input.Length + 1), random.Next(input.Length + 1), random.Next(input.Length + 1)];
            Assert.Equal(expected, ReadAll(Segmented(input, cuts), options));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_SmallFileOneBytePerSegment_GivesSameTokensAsSpan(string file)
    {
        byte[] input = File.ReadAllBytes(TestDataPath("reader", file));
        if (s_notKyaml.ContainsKey(file) || input.Length > 6000)
        {
            return;
        }

        var options = new KyamlReaderOptions { CommentHandling = KyamlCommentHandling.Allow, MaxDepth = 256 };

        Assert.Equal(ReadAll(input, options), ReadAll(OneBytePerSegment(input), options));
    }

    internal static JsonNode? ReadAsJson(byte[] kyaml)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var reader = new Utf8KyamlReader(kyaml);
            while (reader.Read())
            {
                KyamlJsonTranscoder.WriteToken(ref reader, writer);
            }
        }

        return JsonNode.Parse(buffer.WrittenSpan);
    }

    /// <summary>Rewrites numbers as doubles so that 1 and 1.0 (or 1e3 and 1000) compare equal.</summary>
    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var o = new JsonObject();
                foreach (KeyValuePair<string, JsonNode?> pair in obj)
                {
                    o[pair.Key] = Normalize(pair.Value);
                }

                return o;
            case JsonArray array:
                return new JsonArray(array.Select(Normalize).ToArray());
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                return JsonValue.Create(value.GetValue<double>());
            default:
                return node?.DeepClone();
        }
    }

    private static int Count(byte[] input, ReadOnlySpan<byte> needle)
    {
        int count = 0;
        ReadOnlySpan<byte> rest = input;
        int index;
        while ((index = rest.IndexOf(needle)) >= 0)
        {
            count++;
            rest = rest[(index + 1)..];
        }

        return count;
    }
}
