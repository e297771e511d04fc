using System.Text.Json;
using PqcTls;
using PqcTls.Probing;

namespace Kubekit.Tests.Pqc;

public sealed class PqcCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Selftest_Json_HybridVerifiedAndTolerant()
    {
        (int code, string output, string error) = Run("pqc", "selftest", "--json");

        Assert.True(code == 0, error + output);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("X25519MLKEM768", root.GetProperty("negotiatedGroup").GetString());
        Assert.True(root.GetProperty("hybrid").GetBoolean());
        Assert.True(root.GetProperty("secretVerified").GetBoolean());
        Assert.False(root.GetProperty("draftKyberOnly").GetBoolean());
        JsonElement fragmentation = root.GetProperty("fragmentation");
        Assert.True(fragmentation.GetProperty("tolerant").GetBoolean());
        Assert.Equal(0, fragmentation.GetProperty("failed").GetInt32());
        Assert.True(fragmentation.GetProperty("cases").GetInt32() >= 40);
        Assert.Equal(3, root.GetProperty("hybrids").GetArrayLength());
        Assert.All(root.GetProperty("hybrids").EnumerateArray(), h => Assert.True(h.GetProperty("secretVerified").GetBoolean()));
    }

    [Fact]
    public async Task Probe_ClassicalOnlyServer_ExitOneAndReportsX25519()
    {
        await using var server = EmbeddedTlsServer.Start([TlsNamedGroup.X25519]);

        (int code, string output, _) = Run("pqc", "probe", $"127.0.0.1:{server.EndPoint.Port}", "--sni", "localhost", "--json", "--no-fragmentation");

        Assert.Equal(1, code);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal("x25519", json.RootElement.GetProperty("negotiatedGroup").GetString());
        Assert.False(json.RootElement.GetProperty("hybrid").GetBoolean());
        Assert.True(json.RootElement.GetProperty("secretVerified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("fragmentation").ValueKind);
    }

    [Fact]
    public async Task Probe_HybridOnlyServer_TextReportsHelloRetryToHybrid()
    {
        await using var server = EmbeddedTlsServer.Start([TlsNamedGroup.X25519MLKem768]);

        (int code, string output, string error) = Run("pqc", "probe", $"127.0.0.1:{server.EndPoint.Port}", "--no-fragmentation", "--timeout", "5000");

        Assert.True(code == 0, error + output);
        Assert.Contains("negotiated group:    X25519MLKEM768 (post-quantum hybrid)", output, StringComparison.Ordinal);
        Assert.Contains("HRR to hybrid:       yes", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pqc", "probe")]
    [InlineData("pqc", "probe", "example.com")]
    [InlineData("pqc", "probe", "example.com:0")]
    [InlineData("pqc", "probe", "example.com:70000")]
    [InlineData("pqc", "probe", "::1:443")]
    [InlineData("pqc", "probe", "example.com:443", "--timeout", "soon")]
    [InlineData("pqc", "probe", "example.com:443", "--sni")]
    [InlineData("pqc", "probe", "example.com:443", "--bogus")]
    [InlineData("pqc", "scan")]
    [InlineData("pqc", "selftest", "extra")]
    public void Run_BadUsage_ExitTwoWithOneLineAndNoOutput(params string[] args)
    {
        (int code, string output, string error) = Run(args);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("kubekit pqc: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_NothingListening_ExitOneWithErrorInReport()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        (int code, string output, _) = Run("pqc", "probe", $"127.0.0.1:{port}", "--json", "--timeout", "2000");

        Assert.Equal(1, code);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("negotiatedGroup").ValueKind);
        Assert.Contains("connect", json.RootElement.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Run_Help_ExitZeroWithUsage()
    {
        (int code, string output, _) = Run("pqc", "--help");

        Assert.Equal(0, code);
        Assert.Contains("kubekit pqc probe HOST:PORT", output, StringComparison.Ordinal);
    }
}
