using System.Text;
using Kyaml;
using static Kyaml.Tests.Reader.ReaderTestHelpers;

namespace Kyaml.Tests.Reader;

public class Utf8KyamlReaderTests
{
    private static readonly KyamlReaderOptions s_lenient = new() { Mode = KyamlReaderMode.Lenient };

    [Fact]
    public void Read_KubectlStyleDocument_ReturnsEveryToken()
    {
        byte[] input = "---\n{\n  apiVersion: \"v1\",\n  kind: \"Pod\",\n  spec: {\n    replicas: 3,\n    ok: true,\n    x: null,\n  },\n  items: [{\n    a: 1,\n  }, {}],\n  tags: [\n    \"a\",\n  ],\n}\n"u8.ToArray();

        List<string> tokens = ReadAll(input);

        Assert.Equal(
            [
                "StartDocument@0:---", "StartMapping@0:{",
                "PropertyName@1:apiVersion", "String@1:v1",
                "PropertyName@1:kind", "String@1:Pod",
                "PropertyName@1:spec", "StartMapping@1:{",
                "PropertyName@2:replicas", "Number@2:3",
                "PropertyName@2:ok", "True@2:true",
                "PropertyName@2:x", "Null@2:null",
                "EndMapping@1:}",
                "PropertyName@1:items", "StartSequence@1:[", "StartMapping@2:{", "PropertyName@3:a", "Number@3:1",
                "EndMapping@2:}", "StartMapping@2:{", "EndMapping@2:}", "EndSequence@1:]",
                "PropertyName@1:tags", "StartSequence@1:[", "String@2:a", "EndSequence@1:]",
                "EndMapping@0:}", "EndDocument@0:",
            ],
            tokens);
    }

    [Fact]
    public void Read_MultiDocumentStream_ReturnsDocumentsAndEmptyDocumentAsNull()
    {
        byte[] input = "---\n\"hello\"\n---\n42\n---\n\n---\n{}\n"u8.ToArray();

        List<string> tokens = ReadAll(input);

        Assert.Equal(
            [
                "StartDocument@0:---", "String@0:hello", "EndDocument@0:",
                "StartDocument@0:---", "Number@0:42", "EndDocument@0:",
                "StartDocument@0:---", "Null@0:", "EndDocument@0:",
                "StartDocument@0:---", "StartMapping@0:{", "EndMapping@0:}", "EndDocument@0:",
            ],
            tokens);
    }

    [Fact]
    public void Read_NoDocumentMarker_StartsImplicitDocument()
    {
        Assert.Equal(["StartDocument@0:", "StartMapping@0:{", "PropertyName@1:a", "Number@1:1", "EndMapping@0:}", "EndDocument@0:"], ReadAll("{a: 1}"u8));
    }

    [Fact]
    public void Read_EmptyInputOrOnlyComments_ReturnsNoTokens()
    {
        Assert.Empty(ReadAll(""u8));
        Assert.Empty(ReadAll("# just a comment\n\n"u8));
    }

    [Fact]
    public void Read_EmptyMappingValue_ReturnsNullWithEmptySpan()
    {
        // The reference encoder writes an empty value as "key: ," (valid YAML: a null).
        Assert.Equal(["StartDocument@0:", "StartMapping@0:{", "PropertyName@1:a", "Null@1:", "PropertyName@1:b", "Null@1:", "EndMapping@0:}", "EndDocument@0:"], ReadAll("{a: , b: }"u8));
    }

    [Fact]
    public void Read_ByteOrderMark_IsSkipped()
    {
        Assert.Equal(["StartDocument@0:", "Number@0:1", "EndDocument@0:"], ReadAll("\uFEFF1"u8));
    }

    [Theory]
    [InlineData("\"\\0\"", new byte[] { 0x00 })]
    [InlineData("\"\\a\\b\\t\\n\\v\\f\\r\\e\"", new byte[] { 7, 8, 9, 10, 11, 12, 13, 27 })]
    [InlineData("\"\\\"\\\\\\/\\ \"", new byte[] { 0x22, 0x5C, 0x2F, 0x20 })]
    [InlineData("\"\\N\"", new byte[] { 0xC2, 0x85 })] // U+0085 in UTF-8
    [InlineData("\"\\_\"", new byte[] { 0xC2, 0xA0 })] // U+00A0
    [InlineData("\"\\L\\P\"", new byte[] { 0xE2, 0x80, 0xA8, 0xE2, 0x80, 0xA9 })] // U+2028, U+2029
    [InlineData("\"\\x7f\\xe9\"", new byte[] { 0x7F, 0xC3, 0xA9 })] // \xE9 is U+00E9
    [InlineData("\"\\u00e9\\ufeff\"", new byte[] { 0xC3, 0xA9, 0xEF, 0xBB, 0xBF })]
    [InlineData("\"\\U0001F680\"", new byte[] { 0xF0, 0x9F, 0x9A, 0x80 })] // U+1F680 rocket
    [InlineData("\"a\tb\"", new byte[] { 0x61, 0x09, 0x62 })] // literal tab, as regular-mode KYAML writes it
    public void CopyString_Escapes_DecodeToUtf8(string kyaml, byte[] expected)
    {
        var reader = new Utf8KyamlReader(Encoding.UTF8.GetBytes(kyaml), s_lenient);
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.Equal(KyamlTokenType.String, reader.TokenType);
        Span<byte> buffer = stackalloc byte[32];

        int written = reader.CopyString(buffer);

        Assert.Equal(expected, buffer[..written].ToArray());
        Assert.True(reader.ValueTextEquals(expected));
    }

    [Fact]
    public void GetString_MultiLineStringAsTheEncoderWritesIt_UnfoldsLines()
    {
        // From the KYAML notes: the value "line one\n  indented line\nlast line" of a top-level key.
        byte[] input = "{\n  script: \"\\\n     line one\\n\\\n    \\  indented line\\n\\\n     last line\\\n    \",\n}\n"u8.ToArray();
        var reader = new Utf8KyamlReader(input);
        reader.Read();
        reader.Read();
        reader.Read();
        Assert.True(reader.Read());

        Assert.Equal("line one\n  indented line\nlast line", reader.GetString());
        Assert.True(reader.ValueIsEscaped);
        Assert.Equal(6, reader.LineNumber); // the closing quote is on line 6
    }

    [Fact]
    public void GetString_UnescapedLineBreaks_FoldToSpaceOrLineFeed()
    {
        // YAML folding: one break is a space (trailing spaces go), an empty line is a line feed.
        var reader = new Utf8KyamlReader("\"a  \n   b\n\n  c\""u8, s_lenient);
        reader.Read();
        reader.Read();
        Assert.Equal("a b\nc", reader.GetString());
    }

    [Fact]
    public void GetString_SingleQuotedAndPlainInLenientMode_Decode()
    {
        List<string> tokens = ReadAll("{'it''s': plain text, b: [x y, 'q']}"u8, s_lenient);

        Assert.Equal(
            ["StartDocument@0:", "StartMapping@0:{", "PropertyName@1:it's", "String@1:plain text", "PropertyName@1:b",
             "StartSequence@1:[", "String@2:x y", "String@2:q", "EndSequence@1:]", "EndMapping@0:}", "EndDocument@0:"],
            tokens);
    }

    [Fact]
    public void Read_LenientKeyWithoutValue_ReturnsNull()
    {
        Assert.Equal(["StartDocument@0:", "StartMapping@0:{", "PropertyName@1:a", "Null@1:", "PropertyName@1:b", "Null@1:", "EndMapping@0:}", "EndDocument@0:"], ReadAll("{a, b}"u8, s_lenient));
    }

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-17", -17L)]
    [InlineData("+12", 12L)]
    [InlineData("1_000_000", 1000000L)]
    [InlineData("0777", 511L)] // go-yaml v3 reads a leading zero as octal: 7*64 + 7*8 + 7 = 511
    [InlineData("0o17", 15L)] // 1*8 + 7
    [InlineData("0x1F", 31L)] // 16 + 15
    [InlineData("0b1010", 10L)] // 8 + 2
    [InlineData("-0b101", -5L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void TryGetInt64_IntegerForms_ReadAsGoYamlDoes(string text, long expected)
    {
        var reader = new Utf8KyamlReader(Encoding.UTF8.GetBytes(text));
        reader.Read();
        Assert.True(reader.Read());
        Assert.Equal(KyamlTokenType.Number, reader.TokenType);

        Assert.True(reader.TryGetInt64(out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808")] // fits in uint64 only
    [InlineData("123456789012345678901234567890")]
    [InlineData("1.5")]
    [InlineData("08")] // not octal: go-yaml reads it as the float 8
    public void TryGetInt64_NotAnInt64_ReturnsFalse(string text)
    {
        var reader = new Utf8KyamlReader(Encoding.UTF8.GetBytes(text));
        reader.Read();
        reader.Read();
        Assert.Equal(KyamlTokenType.Number, reader.TokenType);

        Assert.False(reader.TryGetInt64(out _));
        Assert.Throws<FormatException>(() =>
        {
            var r = new Utf8KyamlReader(Encoding.UTF8.GetBytes(text));
            r.Read();
            r.Read();
            r.GetInt64();
        });
    }

    [Theory]
    [InlineData("3.14", 3.14)]
    [InlineData("6.02e+23", 6.02e23)]
    [InlineData("1E-3", 0.001)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("08", 8.0)]
    [InlineData("0x10", 16.0)]
    [InlineData("123456789012345678901234567890", 1.2345678901234568e29)]
    [InlineData(".inf", double.PositiveInfinity)]
    [InlineData("-.Inf", double.NegativeInfinity)]
    [InlineData(".NaN", double.NaN)]
    public void TryGetDouble_FloatForms_Read(string text, double expected)
    {
        var reader = new Utf8KyamlReader(Encoding.UTF8.GetBytes(text));
        reader.Read();
        reader.Read();
        Assert.Equal(KyamlTokenType.Number, reader.TokenType);

        Assert.True(reader.TryGetDouble(out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("true", KyamlTokenType.True)]
    [InlineData("True", KyamlTokenType.True)]
    [InlineData("FALSE", KyamlTokenType.False)]
    [InlineData("~", KyamlTokenType.Null)]
    [InlineData("NULL", KyamlTokenType.Null)]
    [InlineData("1e400", KyamlTokenType.String)] // float overflow: go-yaml keeps it a string
    [InlineData("yes", KyamlTokenType.String)] // YAML 1.2: not a boolean
    [InlineData("1.2.3", KyamlTokenType.String)]
    [InlineData("0b2", KyamlTokenType.String)]
    [InlineData("2002-12-14", KyamlTokenType.String)]
    public void Read_PlainScalar_ResolvesLikeGoYamlV3(string text, KyamlTokenType expected)
    {
        var reader = new Utf8KyamlReader(Encoding.UTF8.GetBytes(text), s_lenient);
        reader.Read();
        reader.Read();

        Assert.Equal(expected, reader.TokenType);
    }

    [Theory]
    [InlineData("apiVersion: v1\n", 1, 1, 0, "block-style mapping")]
    [InlineData("- a\n", 1, 1, 0, "block sequence")]
    [InlineData("{a: hello}", 1, 5, 4, "unquoted string 'hello'")]
    [InlineData("{\n  a: &x 1,\n}", 2, 6, 7, "anchor")]
    [InlineData("[*x]", 1, 2, 1, "alias")]
    [InlineData("{a: !!str 1}", 1, 5, 4, "tag")]
    [InlineData("{a: 'x'}", 1, 5, 4, "single-quoted")]
    [InlineData("{a: |\n  x\n}", 1, 5, 4, "block scalar")]
    [InlineData("{yes: 1}", 1, 2, 1, "key 'yes' must be double-quoted")]
    [InlineData("{\"é\": 1, 1: 2}", 1, 10, 10, "key '1' must be double-quoted")] // é takes 2 bytes but 1 column: the second '1' is byte 10 and column 10
    [InlineData("{a b: 1}", 1, 3, 2, "key 'a b' must be double-quoted")]
    [InlineData("{-x: 1}", 1, 2, 1, "must be double-quoted")]
    [InlineData("{a: 1\n", 2, 1, 6, "Expected '}'")]
    [InlineData("[1, , 2]", 1, 5, 4, "empty sequence item")]
    [InlineData("{a: \"x\\q\"}", 1, 7, 6, "unknown escape")]
    [InlineData("{a: \"\\ud83d\"}", 1, 6, 5, "surrogate")]
    [InlineData("{a: \"x\\/\"}", 1, 7, 6, "'\\/'")]
    [InlineData("{a: \"x}", 1, 5, 4, "not closed")]
    [InlineData("{a: 1]", 1, 6, 5, "Expected ',' or '}'")]
    [InlineData("[a: 1]", 1, 2, 1, "unquoted string 'a'")]
    [InlineData("[\"a\": 1]", 1, 5, 4, "single-pair mapping")]
    [InlineData("{a: 1} {b: 2}", 1, 8, 7, "end of the document")]
    [InlineData("{a: 1,# c\n}", 1, 7, 6, "space before '#'")]
    [InlineData("%YAML 1.2\n---\n1", 1, 1, 0, "directive")]
    public void Read_StrictInputThatIsNotKyaml_ThrowsWithPosition(
        string input, long line, long column, long bytePosition, string messagePart)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(input);

        KyamlException error = Assert.Throws<KyamlException>(() => ReadAll(bytes));

        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.LineNumber);
        Assert.Equal(column, error.Column);
        Assert.Equal(bytePosition, error.BytePosition);
        Assert.Equal(KyamlErrorKind.InvalidInput, error.Kind);
    }

    [Theory]
    [InlineData("apiVersion: v1\n", "block-style mapping")]
    [InlineData("{a: &x 1}", "anchor")]
    [InlineData("{a: *x}", "alias")]
    [InlineData("{a: !t 1}", "tag")]
    [InlineData("{a: [1, , 2]}", "empty sequence item")]
    public void Read_LenientInputOutsideFlowSubset_Throws(string input, string messagePart)
    {
        KyamlException error = Assert.Throws<KyamlException>(() => ReadAll(Encoding.UTF8.GetBytes(input), s_lenient));

        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CrLfLineEnds_CountLines()
    {
        byte[] input = "{\r\n  a: 1,\r\n  b: x,\r\n}"u8.ToArray();

        KyamlException error = Assert.Throws<KyamlException>(() => ReadAll(input));

        // "{\r\n" is 3 bytes, "  a: 1,\r\n" 9 more, so line 3 starts at 12; 'x' is 5 bytes into it.
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(6, error.Column);
        Assert.Equal(17, error.BytePosition);
    }

    [Fact]
    public void Read_DeeperThanMaxDepth_ThrowsDepthLimitExceeded()
    {
        byte[] input = Encoding.UTF8.GetBytes(new string('[', 5) + new string(']', 5));
        var options = new KyamlReaderOptions { MaxDepth = 4 };

        KyamlException error = Assert.Throws<KyamlException>(() => ReadAll(input, options));

        Assert.Equal(KyamlErrorKind.DepthLimitExceeded, error.Kind);
        Assert.Equal(4, error.BytePosition); // the fifth '['
        Assert.Equal(12, ReadAll(input, new KyamlReaderOptions { MaxDepth = 5 }).Count); // document start and end + 10 brackets
    }

    [Fact]
    public void Read_DepthBeyond64_TracksContainerKinds()
    {
        // 70 sequences, a mapping at the bottom, closed in order: the bit stack must spill past 64 levels.
        string text = new string('[', 70) + "{a: [1]}" + new string(']', 70);
        var options = new KyamlReaderOptions { MaxDepth = 100 };

        List<string> tokens = ReadAll(Encoding.UTF8.GetBytes(text), options);

        Assert.Equal("StartMapping@70:{", tokens[71]);
        Assert.Equal("EndMapping@70:}", tokens[76]);
        Assert.Equal("EndSequence@0:]", tokens[^2]);
    }

    [Fact]
    public void Read_TokenLargerThanMaxTokenSize_ThrowsSizeLimitExceeded()
    {
        byte[] input = Encoding.UTF8.GetBytes("{a: \"" + new string('x', 100) + "\"}");
        var options = new KyamlReaderOptions { MaxTokenSize = 50 };

        KyamlException error = Assert.Throws<KyamlException>(() => ReadAll(input, options));
        Assert.Equal(KyamlErrorKind.SizeLimitExceeded, error.Kind);
        Assert.Equal(4, error.BytePosition);

        // A partial block fails as soon as the unfinished token passes the limit.
        KyamlException partial = Assert.Throws<KyamlException>(() =>
        {
            var reader = new Utf8KyamlReader(input.AsSpan(0, 80), isFinalBlock: false, new KyamlReaderState(options));
            while (reader.Read())
            {
            }
        });
        Assert.Equal(KyamlErrorKind.SizeLimitExceeded, partial.Kind);
    }

    [Fact]
    public void Read_CommentsAllowed_ReturnsCommentTokens()
    {
        var options = new KyamlReaderOptions { CommentHandling = KyamlCommentHandling.Allow };

        List<string> tokens = ReadAll("---\n# head\n{\n  a: 1, # line\n}\n"u8, options);

        Assert.Equal(
            ["StartDocument@0:---", "Comment@0: head", "StartMapping@0:{", "PropertyName@1:a", "Number@1:1",
             "Comment@1: line", "EndMapping@0:}", "EndDocument@0:"],
            tokens);
    }

    [Fact]
    public void Read_PartialBlock_ReturnsFalseAndResumes()
    {
        byte[] input = "{name: \"abcdef\"}"u8.ToArray();
        var reader = new Utf8KyamlReader(input.AsSpan(0, 10), isFinalBlock: false, default);
        Assert.True(reader.Read()); // StartDocument
        Assert.True(reader.Read()); // {
        Assert.True(reader.Read()); // name
        Assert.False(reader.Read()); // the string is cut off
        Assert.Equal(7, reader.BytesConsumed); // "{name: " is 7 bytes; the string starts there

        reader = new Utf8KyamlReader(input.AsSpan(7), isFinalBlock: true, reader.CurrentState);
        Assert.True(reader.Read());
        Assert.Equal("abcdef", reader.GetString());
        Assert.Equal(0, reader.TokenStartIndex);
    }

    [Fact]
    public void Read_ErrorAfterResume_ReportsStreamPositionAndColumn()
    {
        byte[] input = "{\n  é: 1, k: oops}"u8.ToArray();
        var reader = new Utf8KyamlReader(input.AsSpan(0, 6), isFinalBlock: false, default);
        while (reader.Read())
        {
        }

        long consumed = reader.BytesConsumed;
        KyamlReaderState state = reader.CurrentState;
        KyamlException error = Assert.Throws<KyamlException>(() =>
        {
            var next = new Utf8KyamlReader(input.AsSpan((int)consumed), isFinalBlock: true, state);
            while (next.Read())
            {
            }
        });

        // Line 2 is "  é: 1, k: oops}": 'oops' is the 12th character (é counts once) and starts at byte 2 + 12 = 14.
        Assert.Equal(2, error.LineNumber);
        Assert.Equal(12, error.Column);
        Assert.Equal(14, error.BytePosition);
    }

    [Fact]
    public void Skip_Container_SkipsToItsEnd()
    {
        var reader = new Utf8KyamlReader("{a: {b: [1, {c: 2}]}, d: 3}"u8);
        reader.Read();
        reader.Read();
        reader.Read(); // a
        reader.Skip();
        Assert.Equal(KyamlTokenType.EndMapping, reader.TokenType);
        reader.Read();
        Assert.True(reader.ValueTextEquals("d"u8));
    }

    [Fact]
    public void Read_RealFile_AllocatesNothing()
    {
        byte[] input = File.ReadAllBytes(TestDataPath("reader", "real", "certmanager-crd-certificates", "expected.kyaml"));
        int count = CountTokens(input); // warm up
        Span<byte> scratch = stackalloc byte[4096];

        long before = GC.GetAllocatedBytesForCurrentThread();
        int again = CountTokens(input);
        var reader = new Utf8KyamlReader(input);
        long bytes = 0;
        while (reader.Read())
        {
            if (reader.TokenType == KyamlTokenType.String && reader.ValueLength < 2048)
            {
                bytes += reader.CopyString(scratch);
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(count, again);
        Assert.True(count > 1000);
        Assert.True(bytes > 0);
        Assert.Equal(0, allocated);
    }

    private static int CountTokens(byte[] input)
    {
        var reader = new Utf8KyamlReader(input);
        int count = 0;
        while (reader.Read())
        {
            count++;
        }

        return count;
    }
}
