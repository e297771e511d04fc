using System.Diagnostics;
using System.Text;

namespace Kyaml.Tests.Converter;

public sealed class KyamlConverterTests
{
    private static string Convert(string yaml, KyamlConverterOptions? options = null) =>
        Encoding.UTF8.GetString(KyamlConverter.Convert(Encoding.UTF8.GetBytes(yaml), options));

    [Fact]
    public void Convert_BillionLaughs_FailsFastWithAliasLimit()
    {
        var yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++)
        {
            char p = (char)(c - 1);
            yaml.Append(c).Append(": &").Append(c).Append(" [");
            yaml.Append(string.Join(",", Enumerable.Repeat("*" + p, 9))).Append("]\n");
        }

        var stopwatch = Stopwatch.StartNew();
        var ex = Assert.Throws<KyamlException>(() => Convert(yaml.ToString()));
        stopwatch.Stop();

        // Level k expands to 9^k strings; 9^7 ≈ 4.8 million already exceeds the default of 1 000 000 added nodes.
        Assert.Equal(KyamlErrorKind.AliasExpansionLimitExceeded, ex.Kind);
        Assert.NotNull(ex.LineNumber);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Convert_AliasExpansionUnderCustomLimit_Throws()
    {
        const string yaml = "a: &x [1, 2, 3]\nb: *x\nc: *x\n";

        // Each alias adds the 4 nodes of the sequence (itself and three items): 8 > 5.
        var ex = Assert.Throws<KyamlException>(() => Convert(yaml, new KyamlConverterOptions { MaxAliasExpansion = 5 }));
        Assert.Equal(KyamlErrorKind.AliasExpansionLimitExceeded, ex.Kind);
        Assert.Equal(3, ex.LineNumber);
        Assert.Contains("b: [", Convert(yaml, new KyamlConverterOptions { MaxAliasExpansion = 8 }), StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_DeeperThanMaxDepth_ThrowsDepthError()
    {
        string yaml = new string('[', 40) + new string(']', 40);
        var ex = Assert.Throws<KyamlException>(() => Convert(yaml, new KyamlConverterOptions { MaxDepth = 32 }));
        Assert.Equal(KyamlErrorKind.DepthLimitExceeded, ex.Kind);
        Assert.Equal(1, ex.LineNumber);
        Assert.Equal(33, ex.Column);
    }

    [Fact]
    public void Convert_DocumentLargerThanLimit_ThrowsSizeError()
    {
        string yaml = "a: \"" + new string('x', 5000) + "\"\n";
        var ex = Assert.Throws<KyamlException>(() => Convert(yaml, new KyamlConverterOptions { MaxDocumentBytes = 1000 }));
        Assert.Equal(KyamlErrorKind.SizeLimitExceeded, ex.Kind);
    }

    [Fact]
    public void Convert_InvalidYaml_ReportsLineAndColumn()
    {
        var ex = Assert.Throws<KyamlException>(() => Convert("a: 1\nb: [1, 2\nc: 3\n"));
        Assert.Equal(KyamlErrorKind.InvalidInput, ex.Kind);
        Assert.NotNull(ex.LineNumber);
        Assert.True(ex.LineNumber >= 2, $"line {ex.LineNumber}");
        Assert.NotNull(ex.BytePosition);
    }

    [Fact]
    public void Convert_InvalidUtf8_ReportsByteOffset()
    {
        byte[] input = [(byte)'a', (byte)':', (byte)' ', 0xC3, 0x28];
        var ex = Assert.Throws<KyamlException>(() => KyamlConverter.Convert(input));
        Assert.Equal(3, ex.BytePosition);
    }

    [Fact]
    public void Convert_Yaml12Directive_IsRejectedLikeReference()
    {
        Assert.Throws<KyamlException>(() => Convert("%YAML 1.2\n---\na: 1\n"));
    }

    [Fact]
    public void Convert_AliasAsKey_DefaultWritesAliasedText_ReferenceWritesAnchorName()
    {
        const string yaml = "k: &anchor real key\n*anchor : v\n";
        Assert.Equal("---\n{\n  k: \"real key\",\n  \"real key\": \"v\",\n}\n", Convert(yaml));
        Assert.Equal(
            "---\n{\n  k: \"real key\",\n  anchor: \"v\",\n}\n",
            Convert(yaml, new KyamlConverterOptions { ReferenceCompatible = true }));
    }

    [Fact]
    public void Convert_JsonInKubectlForm_SortsKeysAndNormalisesNumbers()
    {
        const string json = """{"spec":{"replicas":3,"ratio":1.50,"big":1e3},"apiVersion":"v1","on":true}""";

        // Go's encoding/json writes 1.50 as 1.5 and 1e3 as 1000; keys are sorted by their bytes.
        Assert.Equal(
            "---\n{\n  apiVersion: \"v1\",\n  \"on\": true,\n  spec: {\n    big: 1000,\n    ratio: 1.5,\n    replicas: 3,\n  },\n}\n",
            Convert(json, new KyamlConverterOptions { KubectlForm = true }));
    }

    [Fact]
    public void Convert_SystemTextJsonOutputInKubectlForm_DecodesItsEscapes()
    {
        // System.Text.Json escapes '<', non-ASCII and astral characters (as surrogate pairs) by default.
        byte[] json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["name"] = "🚀 <b>é",
        });
        Assert.Contains((byte)'\\', json);

        Assert.Equal(
            "---\n{\n  name: \"🚀 <b>é\",\n}\n",
            Encoding.UTF8.GetString(KyamlConverter.Convert(json, new KyamlConverterOptions { KubectlForm = true })));
    }

    [Fact]
    public void Convert_Yaml11WordsInKubectlForm_AreBooleans()
    {
        Assert.Equal(
            "---\n{\n  a: true,\n  b: false,\n  \"true\": 1,\n}\n",
            Convert("on: 1\na: yes\nb: off\n", new KyamlConverterOptions { KubectlForm = true }));
    }

    [Fact]
    public void Convert_EmptyInput_ProducesNothing()
    {
        Assert.Equal(string.Empty, Convert("# only a comment\n"));
    }

    [Fact]
    public void Convert_MultiDocumentStream_WritesEveryDocument()
    {
        Assert.Equal("---\n{\n  a: 1,\n}\n---\n[\n  \"x\",\n]\n", Convert("a: 1\n---\n- x\n"));
    }

    [Fact]
    public void Convert_ToBufferWriter_AppendsOutput()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        KyamlConverter.Convert("a: b"u8, output);
        Assert.Equal("---\n{\n  a: \"b\",\n}\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void ConvertToString_Compact_OneLine()
    {
        Assert.Equal(
            "---\n{a: [1, \"two\"], b: {}}\n",
            KyamlConverter.ConvertToString("a: [1, two]\nb: {}\n", new KyamlConverterOptions { Compact = true }));
    }

    [Fact]
    public void Options_InvalidLimits_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KyamlConverterOptions { MaxDepth = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new KyamlConverterOptions { MaxDocumentBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new KyamlConverterOptions { MaxAliasExpansion = -1 });
    }
}
