using System.Text;
using Kubekit;

namespace Kubekit.Tests.KyamlCheck;

public sealed class KyamlCheckCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubekit-kyaml-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void RunCheck_ValidKyaml_PrintsNothingAndReturnsZero()
    {
        string file = Write("ok.kyaml", "---\n{\n  apiVersion: \"v1\",\n  kind: \"ConfigMap\",\n  data: {\n    \"1\": \"one\",\n  },\n}\n");
        var (code, stdout, stderr) = Check(file);

        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void RunCheck_Problems_PrintsFileLineColumnMessageAndReturnsOne()
    {
        // Document 1: plain string on line 3, column 9. Document 2 (from line 5): bare ambiguous key on line 7.
        string file = Write("bad.kyaml", "---\n{\n  image: nginx,\n}\n---\n{\n  yes: 1,\n}\n");
        string good = Write("good.kyaml", "---\n[1, 2]\n");

        var (code, stdout, stderr) = Check(file, good);

        Assert.Equal(1, code);
        Assert.Equal("", stderr);
        string[] lines = stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{file}:3:10: Found the unquoted string 'nginx'", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{file}:7:3: The key 'yes' must be double-quoted", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void RunCheck_BlockYaml_ReportsBlockStyle()
    {
        string file = Write("block.yaml", "apiVersion: v1\nkind: Pod\n");

        var (code, stdout, _) = Check(file);

        Assert.Equal(1, code);
        Assert.StartsWith($"{file}:1:1: ", stdout, StringComparison.Ordinal);
        Assert.Contains("block-style mapping", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RunCheck_MissingFile_ReturnsTwoWithOneLineOnStderr()
    {
        string missing = Path.Combine(_folder, "missing.kyaml");

        var (code, stdout, stderr) = Check(missing);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.Contains("missing.kyaml", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RunCheck_NoFiles_ReturnsTwo()
    {
        var (code, stdout, stderr) = Check();

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("FILE", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RunToJson_KyamlFile_WritesIndentedJsonPerDocument()
    {
        string file = Write("in.kyaml", "---\n{\n  a: 0x10,\n  b: [\"x\", null],\n}\n---\n\"s\"\n");

        var (code, stdout, stderr) = ToJson(file);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal("{\n  \"a\": 16,\n  \"b\": [\n    \"x\",\n    null\n  ]\n}\n\"s\"\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void RunToJson_BlockYaml_ConvertsWithKyamlScalarRules()
    {
        // go-yaml v3 rules: "on" is a string, 0777 is octal (511), a date is a string.
        string file = Write("in.yaml", "a: on\nb: 0777\nc: 2024-01-02\n");

        var (code, stdout, _) = ToJson(file);

        Assert.Equal(0, code);
        Assert.Equal("{\n  \"a\": \"on\",\n  \"b\": 511,\n  \"c\": \"2024-01-02\"\n}\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void RunToJson_InvalidInput_ReturnsTwoAndWritesNothingToStdout()
    {
        string file = Write("bad.kyaml", "---\n{a: 1}\n---\n{\n  b: [1, 2,\n");

        var (code, stdout, stderr) = ToJson(file);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.Contains($"{file}:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RunToJson_InfinityHasNoJsonForm_ReturnsTwo()
    {
        string file = Write("inf.kyaml", "{a: .inf}");

        var (code, stdout, stderr) = ToJson(file);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(":1:5: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RunToJson_TwoFiles_IsAUsageError()
    {
        var (code, stdout, _) = ToJson("a", "b");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void Run_KyamlCheckThroughProgram_RoutesToTheCheck()
    {
        string file = Write("bad.kyaml", "{a: b}");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = Program.Run(["kyaml", "--check", file], stdout, stderr);

        Assert.Equal(1, code);
        Assert.StartsWith($"{file}:1:5: ", stdout.ToString(), StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(content));
        return path;
    }

    private static (int Code, string Stdout, string Stderr) Check(params string[] files)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = KyamlCheckCommand.RunCheck(files, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (int Code, string Stdout, string Stderr) ToJson(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = KyamlToJsonCommand.RunToJson(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
