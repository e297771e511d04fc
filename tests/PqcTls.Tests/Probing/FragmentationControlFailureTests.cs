using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PqcTls.Probing;

namespace PqcTls.Tests.Probing;

/// <summary>Servers that do not answer even the unsplit hello: the split cases are not run.</summary>
public sealed class FragmentationControlFailureTests
{
    [Fact]
    public async Task RunAsync_ServerClosesWithoutAnswer_OnlyTheControlRunsAndIsClosed()
    {
        // The server reads the whole hello record before it closes, so the close is a clean FIN: closing before the
        // hello arrived would turn the client's write into a reset, and the outcome would depend on timing.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(8);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task serve = Task.Run(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                using Socket client = await listener.AcceptAsync(stop.Token);
                byte[] header = new byte[5];
                await ReceiveExactlyAsync(client, header, stop.Token);
                await ReceiveExactlyAsync(client, new byte[(header[3] << 8) | header[4]], stop.Token);
                client.Shutdown(SocketShutdown.Both);
                client.Close();
            }
        });

        FragmentationReport report = await FragmentationTester.RunAsync("127.0.0.1",
            ((IPEndPoint)listener.LocalEndPoint!).Port, new FragmentationTesterOptions { Timeout = TimeSpan.FromSeconds(3) });

        await stop.CancelAsync();
        await Task.WhenAny(serve, Task.Delay(5000));
        FragmentationCaseResult control = Assert.Single(report.Cases);
        Assert.Equal(FragmentationKind.Control, control.Kind);
        Assert.Equal(FragmentationOutcome.Closed, control.Outcome);
        Assert.False(report.ControlCompleted);
        Assert.False(report.Tolerant);
        Assert.Equal(1, report.Failed);
    }

    [Fact]
    public async Task RunAsync_SilentServer_EndsAfterOneTimeout()
    {
        // The quick plan has about 50 cases; before, each waited its own 400 ms timeout (about 20 s in all).
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(64);
        var clock = Stopwatch.StartNew();

        FragmentationReport report = await FragmentationTester.RunAsync("127.0.0.1",
            ((IPEndPoint)listener.LocalEndPoint!).Port,
            new FragmentationTesterOptions { Timeout = TimeSpan.FromMilliseconds(400) });

        clock.Stop();
        FragmentationCaseResult control = Assert.Single(report.Cases);
        Assert.Equal(FragmentationOutcome.Timeout, control.Outcome);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(350), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(new byte[] { 0x48, 0x54, 0x54, 0x50, 0x2F, 0x31 })] // "HTTP/1" from a plain HTTP server
    [InlineData(new byte[] { 22, 3, 3, 0xFF, 0xFF, 2 })] // handshake record declaring 65535 > 2^14 + 256 bytes
    [InlineData(new byte[] { 22, 3, 3, 0, 0, 2 })] // zero-length handshake record
    [InlineData(new byte[] { 22, 22, 22, 22, 22, 22 })] // record version 22.22 is not 3.x
    [InlineData(new byte[] { 22, 3, 3, 0, 4, 11 })] // first handshake message is a Certificate (11), not type 2
    [InlineData(new byte[] { 20, 3, 3, 0, 1, 1 })] // change_cipher_spec before any ServerHello
    public async Task ReadAnswerAsync_NotAServerHelloOrAlert_Invalid(byte[] answer)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using (Socket accepted = await listener.AcceptAsync())
        {
            accepted.Send(answer);
        }

        (FragmentationOutcome outcome, TlsAlertDescription? alert) = await FragmentationTester.ReadAnswerAsync(client,
            TimeSpan.FromSeconds(3), TimeProvider.System, CancellationToken.None);

        Assert.Equal(FragmentationOutcome.Invalid, outcome);
        Assert.Null(alert);
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
}
