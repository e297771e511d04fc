using System.Diagnostics;
using System.Text.Json.Nodes;
using PqcTls.Tests.KeyExchange;

namespace PqcTls.Tests.Interop;

/// <summary>
/// Node 26 (OpenSSL 3.5) running TestData/node/tls-servers.js: four TLS 1.3 servers on 127.0.0.1, configured
/// hybrid-only, classical-only, SecP256r1MLKEM768-only and HelloRetryRequest-forcing. One process for the whole
/// collection; it exits when its stdin closes (on dispose) or after 240 s.
/// </summary>
public sealed class NodeTlsServers : IDisposable
{
    private readonly Process _process;

    public NodeTlsServers()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "TestData", "node", "tls-servers.js");
        var start = new ProcessStartInfo(NodeLocator.Find(), [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        Task<string?> line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result is null)
        {
            _process.Kill();
            throw new InvalidOperationException("tls-servers.js did not report its ports: " + _process.StandardError.ReadToEnd());
        }

        JsonObject reply = JsonNode.Parse(line.Result)!.AsObject();
        OpenSslVersion = reply["openssl"]!.GetValue<string>();
        JsonObject ports = reply["ports"]!.AsObject();
        Hybrid = ports["hybrid"]!.GetValue<int>();
        Classical = ports["classical"]!.GetValue<int>();
        P256Hybrid = ports["p256hybrid"]!.GetValue<int>();
        HelloRetry = ports["hrr"]!.GetValue<int>();
    }

    public string OpenSslVersion { get; }

    /// <summary>ecdhCurve 'X25519MLKEM768'.</summary>
    public int Hybrid { get; }

    /// <summary>ecdhCurve 'X25519:P-256'.</summary>
    public int Classical { get; }

    /// <summary>ecdhCurve 'SecP256r1MLKEM768'.</summary>
    public int P256Hybrid { get; }

    /// <summary>ecdhCurve 'X25519MLKEM768 / X25519': prefers the hybrid even when that costs a HelloRetryRequest.</summary>
    public int HelloRetry { get; }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class NodeTlsCollection : ICollectionFixture<NodeTlsServers>
{
    public const string Name = "Node TLS servers";
}
