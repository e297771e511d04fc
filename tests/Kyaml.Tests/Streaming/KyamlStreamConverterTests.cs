using System.IO.Pipelines;
using System.Text;
using Kyaml;

namespace Kyaml.Tests.Streaming;

public class KyamlStreamConverterTests
{
    private static string Conformance(string name) =>
        Path.Combine(AppContext.BaseDirectory, "TestData", "conformance", name, "input.yaml");

    [Theory]
    [InlineData("tricky/multi-doc")]
    [InlineData("tricky/multi-doc-empty")]
    [InlineData("real/guestbook-all-in-one")]
    [InlineData("real/istio-bookinfo")]
    [InlineData("real/ingress-nginx-cloud")]
    [InlineData("real/istio-jaeger")]
    [InlineData("tricky/comments-blank-lines")]
    public async Task ConvertAsync_StreamInSmallChunks_EqualsConvertingTheWholeInput(string name)
    {
        byte[] input = File.ReadAllBytes(Conformance(name));
        byte[] expected = KyamlConverter.Convert(input);

        foreach (int chunk in new[] { 1, 7, 4096 })
        {
            byte[] output = await ConvertThroughPipe(input, chunk, (i, o) => KyamlStreamConverter.ConvertAsync(i, o));
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(output));
        }
    }

    [Fact]
    public async Task ConvertAsync_KubectlForm_ConvertsEachDocument()
    {
        byte[] input = File.ReadAllBytes(Conformance("real/guestbook-all-in-one"));
        var options = new KyamlConverterOptions { KubectlForm = true };
        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "conformance", "real", "guestbook-all-in-one", "expected-kubectl.kyaml"));

        byte[] output = await ConvertThroughPipe(input, 100, (i, o) => KyamlStreamConverter.ConvertAsync(i, o, options));

        Assert.Equal(expected, Encoding.UTF8.GetString(output));
    }

    [Fact]
    public async Task ToJsonAsync_KyamlStream_WritesOneJsonValuePerDocument()
    {
        byte[] input = "---\n{\n  b: [1, 0x10, \"s\\u00e9\"],\n  a: null,\n}\n---\n\"x\"\n---\n\n---\n{}\n"u8.ToArray();

        foreach (int chunk in new[] { 1, 3, 1000 })
        {
            byte[] output = await ConvertThroughPipe(input, chunk, (i, o) => KyamlStreamConverter.ToJsonAsync(i, o));
            Assert.Equal("{\"b\":[1,16,\"s\\u00E9\"],\"a\":null}\n\"x\"\nnull\n{}\n", Encoding.UTF8.GetString(output));
        }
    }

    [Fact]
    public async Task ToJsonAsync_Indented_IndentsEachDocument()
    {
        using var input = new MemoryStream("{a: [1]}"u8.ToArray());
        using var output = new MemoryStream();

        await KyamlStreamConverter.ToJsonAsync(input, output, indented: true);

        Assert.Equal("{\n  \"a\": [\n    1\n  ]\n}\n", Encoding.UTF8.GetString(output.ToArray()).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task ToJsonAsync_InvalidSecondDocument_ThrowsWithStreamPosition()
    {
        byte[] input = "---\n{a: 1}\n---\n{\n  b: oops,\n}\n"u8.ToArray();

        KyamlException error = await Assert.ThrowsAsync<KyamlException>(
            () => ConvertThroughPipe(input, 5, (i, o) => KyamlStreamConverter.ToJsonAsync(i, o)));

        // Line 5 is "  b: oops,"; 'oops' starts at column 6, byte 4 + 7 + 4 + 2 + 5 = 22.
        Assert.Equal(5, error.LineNumber);
        Assert.Equal(6, error.Column);
        Assert.Equal(22, error.BytePosition);
    }

    [Fact]
    public async Task ConvertAsync_InvalidLaterDocument_ReportsStreamLine()
    {
        byte[] input = "a: 1\n---\nb: 2\n---\nc: [1, 2\n"u8.ToArray();

        KyamlException error = await Assert.ThrowsAsync<KyamlException>(
            () => ConvertThroughPipe(input, 3, (i, o) => KyamlStreamConverter.ConvertAsync(i, o)));

        Assert.NotNull(error.LineNumber);
        Assert.True(error.LineNumber >= 5, $"line {error.LineNumber} should be in the third document (lines 5-6)");
        Assert.True(error.BytePosition >= 18, $"byte {error.BytePosition} should be in the third document (from byte 18)");
    }

    [Fact]
    public async Task ConvertAsync_DocumentLargerThanLimit_ThrowsSizeLimitExceeded()
    {
        byte[] input = Encoding.UTF8.GetBytes("a: 1\n---\nbig: \"" + new string('x', 5000) + "\"\n---\nc: 3\n");
        var options = new KyamlConverterOptions { MaxDocumentBytes = 1000 };

        KyamlException error = await Assert.ThrowsAsync<KyamlException>(
            () => ConvertThroughPipe(input, 512, (i, o) => KyamlStreamConverter.ConvertAsync(i, o, options)));

        Assert.Equal(KyamlErrorKind.SizeLimitExceeded, error.Kind);
    }

    [Fact]
    public async Task ToJsonAsync_TokenLargerThanLimit_ThrowsSizeLimitExceeded()
    {
        byte[] input = Encoding.UTF8.GetBytes("{a: \"" + new string('x', 5000) + "\"}");
        var options = new KyamlReaderOptions { MaxTokenSize = 1000 };

        KyamlException error = await Assert.ThrowsAsync<KyamlException>(
            () => ConvertThroughPipe(input, 512, (i, o) => KyamlStreamConverter.ToJsonAsync(i, o, options)));

        Assert.Equal(KyamlErrorKind.SizeLimitExceeded, error.Kind);
    }

    /// <summary>Writes the input into a pipe in chunks while the converter reads the other end.</summary>
    internal static async Task<byte[]> ConvertThroughPipe(byte[] input, int chunk, Func<PipeReader, PipeWriter, Task> convert)
    {
        var inPipe = new Pipe(new PipeOptions(minimumSegmentSize: Math.Max(16, chunk), pauseWriterThreshold: 0));
        var outPipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        for (int offset = 0; offset < input.Length; offset += chunk)
        {
            await inPipe.Writer.WriteAsync(input.AsMemory(offset, Math.Min(chunk, input.Length - offset)));
        }

        await inPipe.Writer.CompleteAsync();
        try
        {
            await convert(inPipe.Reader, outPipe.Writer);
        }
        finally
        {
            await outPipe.Writer.CompleteAsync();
        }

        using var collected = new MemoryStream();
        await outPipe.Reader.CopyToAsync(collected);
        return collected.ToArray();
    }
}
