using System.Text;

namespace Kyaml.Tests.Converter;

/// <summary>
/// go-yaml v3 consumes a byte order mark at the start of the stream (spec §3) and its scanner also skips one at the
/// start of a line before it looks for the next token (scannerc.go, yaml_parser_scan_to_next_token: "Allow the BOM
/// character to start a line"). That is what happens to files joined with <c>cat</c> when a later one was saved
/// with a mark: the mark must not become part of the next key.
/// </summary>
public sealed class ByteOrderMarkTests
{
    private static string Convert(byte[] input) => Encoding.UTF8.GetString(KyamlConverter.Convert(input));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Convert_MarkBeforeLaterKey_IsSkipped()
    {
        string kyaml = Convert(Bytes("a: 1\n\uFEFFb: 2\n"));

        Assert.Equal("---\n{\n  a: 1,\n  b: 2,\n}\n", kyaml);
    }

    [Fact]
    public void Convert_MarkAfterDocumentMarker_IsSkipped()
    {
        // Two files joined: the second starts with a mark and a flow mapping.
        string kyaml = Convert(Bytes("{a: 1}\n---\n\uFEFF{b: 2}\n"));

        Assert.Equal("---\n{\n  a: 1,\n}\n---\n{\n  b: 2,\n}\n", kyaml);
    }

    [Fact]
    public void Convert_MarkBeforeLaterDocumentMarker_IsSkipped()
    {
        string kyaml = Convert([0xEF, 0xBB, 0xBF, .. Bytes("---\na: 1\n"), 0xEF, 0xBB, 0xBF, .. Bytes("---\nb: 2\n")]);

        Assert.Equal("---\n{\n  a: 1,\n}\n---\n{\n  b: 2,\n}\n", kyaml);
    }

    [Fact]
    public void Convert_MarkInsideQuotedString_IsKeptAndEscaped()
    {
        // Not at the start of a line: content. U+FEFF is a format character, which the writer escapes (§7.1).
        string kyaml = Convert(Bytes("a: \"x\uFEFFy\"\n"));

        Assert.Equal("---\n{\n  a: \"x\\ufeffy\",\n}\n", kyaml);
    }

    [Fact]
    public void Convert_TwoMarksOnly_GivesNoDocuments()
    {
        // The first mark is the stream's, the second starts the (only) line and is skipped: no content, no output.
        Assert.Equal("", Convert([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, (byte)'\n']));
    }
}
