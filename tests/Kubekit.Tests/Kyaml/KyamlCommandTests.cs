using System.Text;

namespace Kubekit.Tests.Kyaml;

public sealed class KyamlCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kubekit-kyaml-" + Guid.NewGuid().ToString("N"));

    public KyamlCommandTests()
    {
        Directory.CreateDirectory(_directory);
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }

    private string File(string name, string content)
    {
        string path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(["kyaml", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Kyaml_File_PrintsKyaml()
    {
        string path = File("in.yaml", "# head\nname: web # the name\nports: [80, 443]\nenabled: yes\n");

        (int code, string output, string error) = Run(path);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Equal(
            "---\n{\n  # head\n  name: \"web\", # the name\n  ports: [\n    80,\n    443,\n  ],\n  enabled: \"yes\",\n}\n",
            output);
    }

    [Fact]
    public void Kyaml_Compact_PrintsOneLine()
    {
        string path = File("in.yaml", "a: 1\nb: [x]\n");
        Assert.Equal((0, "---\n{a: 1, b: [\"x\"]}\n", string.Empty), Run("--compact", path));
    }

    [Fact]
    public void Kyaml_Kubectl_SortsKeysAndReadsYaml11Booleans()
    {
        string path = File("in.yaml", "z: 1\na: yes\n");
        Assert.Equal((0, "---\n{\n  a: true,\n  z: 1,\n}\n", string.Empty), Run("--kubectl", path));
    }

    [Fact]
    public void Kyaml_ReferenceCompatible_ReproducesMergeKey()
    {
        string path = File("in.yaml", "base: &b {x: 1}\nuse:\n  <<: *b\n");
        (int code, string output, _) = Run("--reference-compatible", path);
        Assert.Equal(0, code);
        Assert.Contains("\"<<\": {", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"<<\"", Run(path).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Kyaml_BadYaml_OneLineErrorExit2NothingOnStdout()
    {
        string path = File("bad.yaml", "a: 1\n---\nb: [1, 2\nc: 3\n");

        (int code, string output, string error) = Run(path);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(path) + @":\d+:\d+: .+", line);
    }

    [Fact]
    public void Kyaml_MissingFile_Exit2()
    {
        (int code, string output, string error) = Run(Path.Combine(_directory, "missing.yaml"));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Kyaml_UnknownOption_Exit2()
    {
        (int code, _, string error) = Run("--bogus");
        Assert.Equal(2, code);
        Assert.Contains("unknown option '--bogus'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Kyaml_Help_PrintsUsage()
    {
        (int code, string output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("kubekit kyaml [--compact] [--kubectl] [--reference-compatible] [FILE|-]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Kyaml_BillionLaughs_Exit2WithLimitMessage()
    {
        var yaml = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'i'; c++)
        {
            yaml.Append(c).Append(": &").Append(c).Append(" [")
                .Append(string.Join(",", Enumerable.Repeat("*" + (char)(c - 1), 9))).Append("]\n");
        }

        (int code, string output, string error) = Run(File("lol.yaml", yaml.ToString()));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("alias", error, StringComparison.OrdinalIgnoreCase);
    }
}
