using System.Buffers;
using System.Text;

namespace Kyaml.Tests.Writer;

public sealed class Utf8KyamlWriterTests
{
    private static string Write(Action<Utf8KyamlWriter> write, KyamlWriterOptions options = default)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8KyamlWriter(buffer, options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void WriteMapping_NestedValues_LaysOutLikeReference()
    {
        string text = Write(w =>
        {
            w.WriteStartDocument();
            w.WriteStartMapping();
            w.WritePropertyName("apiVersion");
            w.WriteStringValue("v1");
            w.WritePropertyName("spec");
            w.WriteStartMapping();
            w.WritePropertyName("replicas");
            w.WriteNumberValue(3);
            w.WritePropertyName("paused");
            w.WriteBooleanValue(false);
            w.WritePropertyName("empty");
            w.WriteStartMapping();
            w.WriteEndMapping();
            w.WritePropertyName("none");
            w.WriteStartSequence();
            w.WriteEndSequence();
            w.WriteEndMapping();
            w.WriteEndMapping();
            w.WriteEndDocument();
        });

        Assert.Equal(
            "---\n{\n  apiVersion: \"v1\",\n  spec: {\n    replicas: 3,\n    paused: false,\n    empty: {},\n"
            + "    none: [],\n  },\n}\n",
            text);
    }

    [Fact]
    public void WriteSequence_OfMappings_IsCuddled()
    {
        string text = Write(w =>
        {
            w.WriteStartMapping();
            w.WritePropertyName("items");
            w.WriteStartSequence();
            w.WriteStartMapping();
            w.WritePropertyName("a");
            w.WriteNumberValue(1);
            w.WriteEndMapping();
            w.WriteStartMapping();
            w.WritePropertyName("b");
            w.WriteNullValue();
            w.WriteEndMapping();
            w.WriteEndSequence();
            w.WriteEndMapping();
        });

        Assert.Equal("{\n  items: [{\n    a: 1,\n  }, {\n    b: null,\n  }],\n}", text);
    }

    [Fact]
    public void WriteSequence_OfScalars_OneItemPerLineWithTrailingCommas()
    {
        string text = Write(w =>
        {
            w.WriteStartSequence();
            w.WriteStringValue("x");
            w.WriteNumberValue(2.5);
            w.WriteEndSequence();
        });

        Assert.Equal("[\n  \"x\",\n  2.5,\n]", text);
    }

    [Fact]
    public void Compact_NestedValues_OneLineNoTrailingCommas()
    {
        string text = Write(
            w =>
            {
                w.WriteStartDocument();
                w.WriteStartMapping();
                w.WritePropertyName("a");
                w.WriteStartSequence();
                w.WriteStringValue("x\ty\nz");
                w.WriteNumberValue(1);
                w.WriteEndSequence();
                w.WritePropertyName("b");
                w.WriteStartMapping();
                w.WriteEndMapping();
                w.WriteComment("dropped");
                w.WriteEndMapping();
                w.WriteEndDocument();
            },
            new KyamlWriterOptions { Compact = true });

        Assert.Equal("---\n{a: [\"x\\ty\\nz\", 1], b: {}}\n", text);
    }

    [Theory]
    [InlineData("app.kubernetes.io/name", "app.kubernetes.io/name")]
    [InlineData("café", "café")]
    [InlineData("-leading", "\"-leading\"")]
    [InlineData("trailing.", "\"trailing.\"")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("y", "\"y\"")]
    [InlineData("t", "\"t\"")]
    [InlineData("1e400", "1e400")]
    [InlineData("08", "\"08\"")]
    [InlineData("2002-12-14", "\"2002-12-14\"")]
    [InlineData("", "\"\"")]
    [InlineData("tab\tkey", "\"tab\\tkey\"")]
    [InlineData("emoji🚀key", "\"emoji🚀key\"")]
    public void WritePropertyName_QuotesOnlyWhenNeeded(string key, string expected)
    {
        string text = Write(w =>
        {
            w.WriteStartMapping();
            w.WritePropertyName(key);
            w.WriteNumberValue(1);
            w.WriteEndMapping();
        });

        Assert.Equal("{\n  " + expected + ": 1,\n}", text);
    }

    [Fact]
    public void IsTypeAmbiguous_UpstreamTable_MatchesEveryRow()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "conformance", "upstream", "type-ambiguity.tsv");
        int rows = 0;
        foreach (string line in File.ReadAllLines(path))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split('\t');
            bool expected = bool.Parse(fields[1]);
            Assert.True(
                expected == Internal.ScalarRules.IsTypeAmbiguous(Encoding.UTF8.GetBytes(fields[0])),
                $"'{fields[0]}' ({fields[2]}) should be ambiguous={expected}");
            rows++;
        }

        Assert.Equal(51, rows);
    }

    [Theory]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("\0\a\b\f\r\v\u001b\u0085\u00a0\u2028\u2029", "\"\\0\\a\\b\\f\\r\\v\\e\\N\\_\\L\\P\"")]
    [InlineData("\u0001\u007f", "\"\\x01\\x7f\"")]
    [InlineData("a\u200db\ufeff", "\"a\\u200db\\ufeff\"")]
    [InlineData("\U000f0000", "\"\\U000f0000\"")]
    [InlineData("tab\there", "\"tab\there\"")]
    [InlineData("日本語 é 🚀", "\"日本語 é 🚀\"")]
    public void WriteStringValue_Escapes_AsReference(string value, string expected)
    {
        Assert.Equal(expected, Write(w => w.WriteStringValue(value)));
    }

    [Fact]
    public void WriteStringValue_MultiLine_UsesContinuationForm()
    {
        string text = Write(w =>
        {
            w.WriteStartMapping();
            w.WritePropertyName("script");
            w.WriteStringValue("line one\n  indented\nlast");
            w.WriteEndMapping();
        });

        // Value of a top-level key: continuation lines are indented 2 x (0 + 2) = 4 spaces.
        Assert.Equal("{\n  script: \"\\\n     line one\\n\\\n    \\  indented\\n\\\n     last\\\n    \",\n}", text);
    }

    [Fact]
    public void WriteStringValue_EscapedWhitespaceStartsContinuationLine_NoDoubledBackslash()
    {
        string text = Write(w => w.WriteStringValue("a\n\rb"));

        // Top-level scalar: continuation indent 2 spaces; CR is escaped after a plain space, not after "\".
        Assert.Equal("\"\\\n   a\\n\\\n   \\rb\\\n  \"", text);
    }

    [Fact]
    public void Comments_HeadLineAndFoot_PlacedAsReference()
    {
        string text = Write(w =>
        {
            w.WriteStartDocument();
            w.WriteComment("# document head");
            w.WriteStartMapping();
            w.WriteComment("head of a");
            w.WritePropertyName("a");
            w.WriteNumberValue(1);
            w.WriteLineComment("# one");
            w.WriteComment("# foot of a\n\n# more");
            w.WriteEndMapping();
            w.WriteLineComment("# root");
            w.WriteEndDocument();
        });

        Assert.Equal(
            "---\n# document head\n{\n  # head of a\n  a: 1, # one\n  # foot of a\n  \n  # more\n} # root\n", text);
    }

    [Fact]
    public void WriteStartSequence_CommentBeforeFirstItem_UsesBlockLayout()
    {
        string text = Write(w =>
        {
            w.WriteStartSequence();
            w.WriteComment("# first");
            w.WriteStartMapping();
            w.WriteEndMapping();
            w.WriteEndSequence();
        });

        Assert.Equal("[\n  # first\n  {},\n]", text);
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(123456789.0, "123456789")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5e-10, "-2.5e-10")]
    [InlineData(1.2345678901234568e+29, "1.2345678901234568e+29")]
    [InlineData(double.PositiveInfinity, ".inf")]
    [InlineData(double.NaN, ".nan")]
    public void WriteNumberValue_Double_FormatsLikeGoJson(double value, string expected)
    {
        Assert.Equal(expected, Write(w => w.WriteNumberValue(value)));
    }

    [Fact]
    public void WriteNumberValue_TextNotANumber_Throws()
    {
        var ex = Assert.Throws<KyamlException>(() => Write(w => w.WriteNumberValue("12abc"u8)));
        Assert.Equal(KyamlErrorKind.InvalidWriterState, ex.Kind);
    }

    [Fact]
    public void WriteNumberValue_TextKeptAsWritten()
    {
        Assert.Equal("0x1F", Write(w => w.WriteNumberValue("0x1F"u8)));
    }

    [Fact]
    public void WriteValue_InMappingWithoutKey_Throws()
    {
        var ex = Assert.Throws<KyamlException>(() => Write(w =>
        {
            w.WriteStartMapping();
            w.WriteStringValue("x");
        }));
        Assert.Equal(KyamlErrorKind.InvalidWriterState, ex.Kind);
    }

    [Fact]
    public void WriteEndSequence_InsideMapping_Throws()
    {
        Assert.Throws<KyamlException>(() => Write(w =>
        {
            w.WriteStartMapping();
            w.WriteEndSequence();
        }));
    }

    [Fact]
    public void WriteStartMapping_BeyondMaxDepth_ThrowsDepthError()
    {
        var ex = Assert.Throws<KyamlException>(() => Write(
            w =>
            {
                w.WriteStartSequence();
                w.WriteStartSequence();
                w.WriteStartSequence();
            },
            new KyamlWriterOptions { MaxDepth = 2 }));
        Assert.Equal(KyamlErrorKind.DepthLimitExceeded, ex.Kind);
    }

    [Fact]
    public void Stream_Flush_WritesAllBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8KyamlWriter(stream))
        {
            writer.WriteStartDocument();
            writer.WriteStringValue(new string('x', 10_000));
            writer.WriteEndDocument();
            Assert.Equal(0, stream.Length);
            writer.Flush();
            Assert.Equal(10_007, writer.BytesCommitted);
        }

        // "---\n" + quote + 10000 + quote + "\n" = 4 + 10002 + 1.
        Assert.Equal(10_007, stream.Length);
    }

    [Fact]
    public async Task FlushAsync_Stream_WritesAndResetContinuesOnNewStream()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        await using var writer = new Utf8KyamlWriter(first);
        writer.WriteStartDocument();
        writer.WriteBooleanValue(true);
        writer.WriteEndDocument();
        await writer.FlushAsync();
        writer.Reset(second);
        writer.WriteStartDocument();
        writer.WriteNullValue();
        writer.WriteEndDocument();
        await writer.FlushAsync();

        Assert.Equal("---\ntrue\n", Encoding.UTF8.GetString(first.ToArray()));
        Assert.Equal("---\nnull\n", Encoding.UTF8.GetString(second.ToArray()));
    }

    [Fact]
    public void WriteComment_AfterFirstItemOfCuddledSequence_Throws()
    {
        var ex = Assert.Throws<KyamlException>(() => Write(w =>
        {
            w.WriteStartSequence(KyamlSequenceLayout.Cuddled);
            w.WriteStartMapping();
            w.WriteEndMapping();
            w.WriteComment("# no place for this");
        }));
        Assert.Equal(KyamlErrorKind.InvalidWriterState, ex.Kind);
    }

    [Fact]
    public void WriteStartDocument_TwoDocuments_EachWithMarker()
    {
        string text = Write(w =>
        {
            w.WriteStartDocument();
            w.WriteStringValue("a");
            w.WriteEndDocument();
            w.WriteStartDocument();
            w.WriteEndDocument();
        });

        // The second document is empty: "---" and an empty line, as the reference writes an empty document.
        Assert.Equal("---\n\"a\"\n---\n\n", text);
    }

    [Fact]
    public void WriteRootValue_Twice_WithoutDocuments_Throws()
    {
        Assert.Throws<KyamlException>(() => Write(w =>
        {
            w.WriteNumberValue(1);
            w.WriteNumberValue(2);
        }));
    }

    [Fact]
    public void WriteDocument_AfterWarmUp_AllocatesNothing()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8KyamlWriter(buffer);
        for (int i = 0; i < 3; i++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            WriteManifest(writer);
            writer.Flush();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            WriteManifest(writer);
            writer.Flush();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.StartsWith("---\n# a deployment\n{\n  apiVersion: \"apps/v1\",", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void WriteManifest(Utf8KyamlWriter w)
    {
        w.WriteStartDocument();
        w.WriteComment("# a deployment");
        w.WriteStartMapping();
        w.WritePropertyName("apiVersion"u8);
        w.WriteStringValue("apps/v1"u8);
        w.WritePropertyName("metadata"u8);
        w.WriteStartMapping();
        w.WritePropertyName("app.kubernetes.io/name"u8);
        w.WriteStringValue("web\nserver"u8);
        w.WritePropertyName("on"u8);
        w.WriteBooleanValue(true);
        w.WriteEndMapping();
        w.WritePropertyName("containers"u8);
        w.WriteStartSequence();
        for (int i = 0; i < 3; i++)
        {
            w.WriteStartMapping();
            w.WritePropertyName("replicas"u8);
            w.WriteNumberValue(i);
            w.WritePropertyName("ratio"u8);
            w.WriteNumberValue(0.25);
            w.WriteLineComment("# quarter"u8);
            w.WriteEndMapping();
        }

        w.WriteEndSequence();
        w.WriteEndMapping();
        w.WriteEndDocument();
    }
}
