using System.Text;

namespace Kyaml.Tests.Converter;

/// <summary>
/// go-yaml v3's reader (behind the reference encoder) fails with "control characters are not allowed" on any
/// character outside YAML's c-printable set: tab, LF, CR, U+0020..U+007E, U+0085, U+00A0..U+D7FF,
/// U+E000..U+FFFD and U+10000 and above. Positions below are counted by hand from the input literal.
/// </summary>
public sealed class ControlCharacterTests
{
    private static KyamlException ConvertFails(byte[] input) =>
        Assert.Throws<KyamlException>(() => KyamlConverter.Convert(input));

    [Fact]
    public void Convert_NulAfterDocument_ThrowsWithPosition()
    {
        // {a: "x"} is 8 bytes, so the NUL is at byte 8, column 9.
        var ex = ConvertFails(Encoding.UTF8.GetBytes("{a: \"x\"}\u0000"));

        Assert.Equal(KyamlErrorKind.InvalidInput, ex.Kind);
        Assert.Equal(1, ex.LineNumber);
        Assert.Equal(9, ex.Column);
        Assert.Equal(8, ex.BytePosition);
        Assert.Contains("U+0000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_DelInPlainScalarOnSecondLine_ThrowsWithPosition()
    {
        // Line 1 "a: 1\n" is 5 bytes; on line 2 "b: x" is 4 characters, so DEL is column 5, byte 5 + 4 = 9.
        var ex = ConvertFails(Encoding.UTF8.GetBytes("a: 1\nb: x\u007f\n"));

        Assert.Equal(2, ex.LineNumber);
        Assert.Equal(5, ex.Column);
        Assert.Equal(9, ex.BytePosition);
    }

    [Fact]
    public void Convert_EscapeAfterByteOrderMark_OffsetCountsTheMark()
    {
        // EF BB BF, then "a: " (3 bytes): ESC at byte 6, column 4 (the mark is not a column).
        byte[] input = [0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', 0x1B, (byte)'\n'];

        var ex = ConvertFails(input);

        Assert.Equal(1, ex.LineNumber);
        Assert.Equal(4, ex.Column);
        Assert.Equal(6, ex.BytePosition);
    }

    [Theory]
    [InlineData("a: \"b\u0080c\"\n")]
    [InlineData("a: \"b\u009Fc\"\n")]
    [InlineData("a: \"b\uFFFEc\"\n")]
    [InlineData("a: b\u001Cc\n")]
    public void Convert_NonPrintableCharacter_Throws(string yaml)
    {
        var ex = ConvertFails(Encoding.UTF8.GetBytes(yaml));

        Assert.Equal(1, ex.LineNumber);
        Assert.Equal(KyamlErrorKind.InvalidInput, ex.Kind);
    }

    [Fact]
    public void Convert_TabAndNbspAndReplacementCharacter_AreAllowed()
    {
        // All c-printable; the writer escapes U+00A0 as \_ (spec §7.1), a tab stays literal in regular mode and
        // U+FFFD is printable for Go, so it is written as is.
        string kyaml = KyamlConverter.ConvertToString("a: \"b\u00A0d\te\uFFFD\"\n");

        Assert.Equal("---\n{\n  a: \"b\\_d\te\uFFFD\",\n}\n", kyaml);
    }

    [Fact]
    public void Read_RawDelInsideQuotedString_ThrowsInStrictMode()
    {
        // {"a": "b is 8 bytes, so DEL is at byte 8, column 9; the writer would have written \x7f.
        byte[] input = Encoding.UTF8.GetBytes("{\"a\": \"b\u007fc\"}");

        KyamlException ex = ReadAll(input, KyamlReaderMode.Strict);

        Assert.Equal(1, ex.LineNumber);
        Assert.Equal(9, ex.Column);
        Assert.Equal(8, ex.BytePosition);
        Assert.Contains("U+007F", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RawC1ControlInsideQuotedString_Throws()
    {
        // U+0080 is two bytes C2 80 and starts at byte 8, column 9.
        KyamlException ex = ReadAll(Encoding.UTF8.GetBytes("{\"a\": \"b\u0080c\"}"), KyamlReaderMode.Strict);

        Assert.Equal(9, ex.Column);
        Assert.Equal(8, ex.BytePosition);
        Assert.Contains("U+0080", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ControlCharacterInLenientPlainScalarAndKey_Throws()
    {
        // "{a: b" is 5 bytes: U+001C at byte 5, column 6. "{a" is 2 bytes: ESC at byte 2, column 3.
        KyamlException value = ReadAll(Encoding.UTF8.GetBytes("{a: b\u001Cc}"), KyamlReaderMode.Lenient);
        KyamlException key = ReadAll(Encoding.UTF8.GetBytes("{a\u001B: 1}"), KyamlReaderMode.Lenient);

        Assert.Equal(6, value.Column);
        Assert.Equal(5, value.BytePosition);
        Assert.Equal(3, key.Column);
        Assert.Equal(2, key.BytePosition);
    }

    [Fact]
    public void Read_ControlCharacterInComment_Throws()
    {
        // "# c" is 3 bytes: U+0001 at byte 3, column 4.
        KyamlException ex = ReadAll(Encoding.UTF8.GetBytes("# c\u0001\n{}\n"), KyamlReaderMode.Strict);

        Assert.Equal(1, ex.LineNumber);
        Assert.Equal(4, ex.Column);
        Assert.Equal(3, ex.BytePosition);
    }

    [Fact]
    public void Read_NextLineAndNbspInsideQuotedString_AreAccepted()
    {
        var reader = new Utf8KyamlReader(Encoding.UTF8.GetBytes("{\"a\": \"b\u0085c\u00A0d\uFFFDe\"}"));
        string? value = null;
        while (reader.Read())
        {
            if (reader.TokenType == KyamlTokenType.String)
            {
                value = reader.GetString();
            }
        }

        Assert.Equal("b\u0085c\u00A0d\uFFFDe", value);
    }

    [Fact]
    public void Read_BidiOverrideInUnquotedString_MessageShowsEscapeNotRawCharacter()
    {
        // U+202E is printable for YAML but invisible; the error message quotes the text with it escaped.
        KyamlException ex = ReadAll(Encoding.UTF8.GetBytes("{\n  a: ab\u202Ecd,\n}\n"), KyamlReaderMode.Strict);

        Assert.Contains("'ab\\u202Ecd'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.LineNumber);
        Assert.Equal(6, ex.Column);
    }

    private static KyamlException ReadAll(byte[] input, KyamlReaderMode mode)
    {
        try
        {
            var reader = new Utf8KyamlReader(input, new KyamlReaderOptions { Mode = mode });
            while (reader.Read())
            {
                if (reader.TokenType is KyamlTokenType.String or KyamlTokenType.PropertyName)
                {
                    reader.GetString();
                }
            }
        }
        catch (KyamlException ex)
        {
            return ex;
        }

        throw new Xunit.Sdk.XunitException("The reader accepted the input.");
    }
}
