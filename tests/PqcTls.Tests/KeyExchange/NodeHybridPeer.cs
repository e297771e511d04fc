using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PqcTls.Tests.KeyExchange;

/// <summary>
/// Node 26 (OpenSSL 3.5) running TestData/node/mlkem-hybrid.js: an independent ML-KEM and ECDH implementation
/// that plays the other side of a hybrid key exchange. One process per instance; every reply is awaited with a timeout.
/// </summary>
internal sealed class NodeHybridPeer : IDisposable
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    public NodeHybridPeer()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "TestData", "node", "mlkem-hybrid.js");
        var start = new ProcessStartInfo(NodeLocator.Find(), [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
    }

    public JsonObject Send(JsonObject request)
    {
        _process.StandardInput.WriteLine(request.ToJsonString());
        _process.StandardInput.Flush();
        Task<string?> line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(s_replyTimeout) || line.Result is null)
        {
            throw new TimeoutException($"node gave no reply within {s_replyTimeout}: {_process.StandardError.ReadToEnd()}");
        }

        JsonObject reply = JsonNode.Parse(line.Result)!.AsObject();
        if (reply.TryGetPropertyValue("error", out JsonNode? error))
        {
            throw new InvalidOperationException($"node reported: {error}");
        }

        return reply;
    }

    public static byte[] Hex(JsonObject reply, string property) =>
        Convert.FromHexString(reply[property]!.GetValue<string>());

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
