using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Kubekit.Tests.Pqc;

/// <summary>
/// A loopback server that reads each ClientHello record and closes the connection without answering. It reads the
/// record first so the close is a clean FIN: closing with the hello unread would make the kernel send a reset, and the
/// reported outcome would depend on timing.
/// </summary>
public sealed class PqcClosingServerTests : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private readonly Task _loop;

    public PqcClosingServerTests()
    {
        _listener.Start();
        _loop = AcceptAndCloseAsync();
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }

    private async Task AcceptAndCloseAsync()
    {
        try
        {
            while (true)
            {
                using Socket client = await _listener.AcceptSocketAsync(_stop.Token);
                try
                {
                    byte[] header = new byte[5];
                    await ReceiveExactlyAsync(client, header, _stop.Token);
                    await ReceiveExactlyAsync(client, new byte[(header[3] << 8) | header[4]], _stop.Token);
                    client.Shutdown(SocketShutdown.Both);
                }
                catch (IOException)
                {
                    // The prober gave up on this connection first.
                }

                client.Close();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static async Task ReceiveExactlyAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        int received = 0;
        while (received < buffer.Length)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException($"The client closed after {received} of {buffer.Length} bytes.");
            }

            received += n;
        }
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Probe_ServerClosesWithoutAnswer_TextSaysWhyAndFragmentationInconclusive()
    {
        (int code, string output, string error) = Run("pqc", "probe", $"127.0.0.1:{Port}", "--timeout", "3000");

        Assert.True(code == 1, error + output);
        Assert.Equal(string.Empty, error);
        Assert.Contains("negotiated group:    none (The peer closed the connection after 0 bytes.)", output,
            StringComparison.Ordinal);
        Assert.Contains("  X25519MLKEM768 only            failed: The peer closed the connection after 0 bytes.",
            output, StringComparison.Ordinal);
        Assert.Contains(
            "fragmentation:       INCONCLUSIVE (the unsplit control hello got closed, so the split cases were not run)",
            output, StringComparison.Ordinal);
        Assert.DoesNotContain("INTOLERANT", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_ServerClosesWithoutAnswer_JsonCarriesTheFailureAndInconclusive()
    {
        (int code, string output, string error) = Run("pqc", "probe", $"127.0.0.1:{Port}", "--json", "--timeout", "3000");

        Assert.True(code == 1, error + output);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("negotiatedGroup").ValueKind);
        Assert.False(root.GetProperty("hybrid").GetBoolean());
        Assert.Equal("The peer closed the connection after 0 bytes.",
            root.GetProperty("checks").GetProperty("default").GetProperty("error").GetString());
        JsonElement fragmentation = root.GetProperty("fragmentation");
        Assert.False(fragmentation.GetProperty("controlCompleted").GetBoolean());
        Assert.True(fragmentation.GetProperty("inconclusive").GetBoolean());
        Assert.False(fragmentation.GetProperty("tolerant").GetBoolean());
        Assert.Equal(1, fragmentation.GetProperty("cases").GetInt32());
        Assert.Equal(1, fragmentation.GetProperty("failed").GetInt32());
        Assert.Equal("closed", fragmentation.GetProperty("results")[0].GetProperty("outcome").GetString());
    }
}
