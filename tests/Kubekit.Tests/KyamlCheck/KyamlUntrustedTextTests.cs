using System.Text;
using Kubekit;

namespace Kubekit.Tests.KyamlCheck;

/// <summary>Messages that quote untrusted input never carry raw control or invisible format characters.</summary>
public sealed class KyamlUntrustedTextTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubekit-kyaml-text-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void RunCheck_EscapeSequenceInValue_ReportsPositionWithoutRawEscape()
    {
        // Line 3 is "  a: ESC[31mRED,": "  a: " is 5 characters, so the ESC is column 6.
        string file = Write("esc.kyaml", "---\n{\n  a: \u001b[31mRED,\n}\n");

        var (code, stdout, stderr) = Run("--check", file);

        Assert.Equal(1, code);
        Assert.Equal("", stderr);
        Assert.StartsWith($"{file}:3:6: Found the control character U+001B", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RunCheck_BinaryFile_ReportsOneLineWithoutRawControlBytes()
    {
        byte[] bytes = new byte[64];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)i;
        }

        string file = Path.Combine(_folder, "binary.bin");
        File.WriteAllBytes(file, bytes);

        var (code, stdout, _) = Run("--check", file);

        // The first byte is NUL, at line 1, column 1.
        Assert.Equal(1, code);
        Assert.StartsWith($"{file}:1:1: ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(stdout.TrimEnd('\n', '\r'), c => char.IsControl(c));
    }

    [Fact]
    public void Run_ConvertErrorQuotingBidiOverride_WritesItEscaped()
    {
        // The converter's message quotes the scalar "x<U+202E>y" of the unknown tag (line 1, column 4).
        string file = Write("tag.yaml", "a: !foo \"x\u202Ey\"\n");

        var (code, stdout, stderr) = Run(file);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"{file}:1:4: ", stderr, StringComparison.Ordinal);
        Assert.Contains("x\\u202Ey", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NulAfterDocument_IsBadInputWithPosition()
    {
        // {a: 1} is 6 bytes: the NUL is column 7. go-yaml rejects it ("control characters are not allowed").
        string file = Write("nul.yaml", "{a: 1}\u0000");

        var (code, stdout, stderr) = Run(file);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"{file}:1:7: control characters are not allowed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RunToJson_InvalidUtf8_ReportsTheByteOffset()
    {
        // 'a: "' is 4 bytes, so the invalid byte 0xFF is at offset 4; invalid UTF-8 has no line and column.
        string file = Path.Combine(_folder, "bad.yaml");
        File.WriteAllBytes(file, [(byte)'a', (byte)':', (byte)' ', (byte)'"', 0xFF, (byte)'"', (byte)'\n']);

        var (code, stdout, stderr) = Run("--to-json", file);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"kubekit kyaml: {file}: byte 4: invalid UTF-8 in the input", stderr.TrimEnd('\r', '\n'));
    }

    [Theory]
    [InlineData("--check", "--compact")]
    [InlineData("--to-json", "--kubectl")]
    [InlineData("--check", "--to-json")]
    public void Run_FileModeWithAnotherOption_IsAUsageErrorAndChecksNothing(string mode, string option)
    {
        string file = Write("ok.kyaml", "{a: 1}\n");

        var (code, stdout, stderr) = Run(mode, option, file);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(
            $"kubekit kyaml: {mode} does not take the option '{option}'; run 'kubekit kyaml --help'",
            stderr.TrimEnd('\r', '\n'));
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(["kyaml", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}
