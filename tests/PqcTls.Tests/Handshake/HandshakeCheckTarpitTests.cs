using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using PqcTls.Handshake;
using PqcTls.Tests.Support;

namespace PqcTls.Tests.Handshake;

/// <summary>Servers that keep the check busy without ever answering: every one must end within a bound.</summary>
public sealed class HandshakeCheckTarpitTests
{
    [Fact]
    public async Task RunAsync_EndlessChangeCipherSpecRecords_UnexpectedMessageAtThirdRecord()
    {
        // Three 6-byte compatibility CCS records (type 20, version 3.3, length 1, value 1) start at bytes 0, 6 and 12;
        // a server sends at most one (RFC 8446 appendix D.4), the check accepts two and rejects the third.
        byte[] ccs = [20, 3, 3, 0, 1, 1];
        await using var server = new ScriptedTlsServer(_ => [.. ccs, .. ccs, .. ccs], holdOpen: true);

        PqcTlsException e = await Assert.ThrowsAsync<PqcTlsException>(() => HandshakeCheck.RunAsync("127.0.0.1",
            server.Port, new HandshakeCheckOptions { ServerName = "localhost", Timeout = TimeSpan.FromSeconds(5) }));

        Assert.Equal(TlsAlertDescription.UnexpectedMessage, e.Alert);
        Assert.Equal(12, e.ByteOffset);
    }

    [Fact]
    public async Task RunAsync_ServerTricklesOneByteAtATime_TimesOutAfterFourTimeouts()
    {
        // The server announces a 16384-byte record and then sends one byte every 20 ms, far inside the 1000 ms read
        // timeout (so a busy machine cannot stall it into a plain read timeout), and only the total bound ends it:
        // 4 x 1000 ms = 4000 ms.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task serve = Task.Run(async () =>
        {
            using Socket client = await listener.AcceptAsync(stop.Token);
            _ = await ClientHelloReader.ReadAsync(PipeReader.Create(new NetworkStream(client)), null, stop.Token);
            await client.SendAsync(new byte[] { 22, 3, 3, 0x40, 0x00 }, SocketFlags.None, stop.Token);
            for (int i = 0; i < 600 && !stop.IsCancellationRequested; i++)
            {
                await Task.Delay(20, stop.Token);
                await client.SendAsync(new byte[] { 2 }, SocketFlags.None, stop.Token);
            }
        });
        var options = new HandshakeCheckOptions { ServerName = "localhost", Timeout = TimeSpan.FromMilliseconds(1000) };
        var clock = Stopwatch.StartNew();

        PqcTlsException e = await Assert.ThrowsAsync<PqcTlsException>(() => HandshakeCheck.RunAsync("127.0.0.1",
            ((IPEndPoint)listener.LocalEndPoint!).Port, options));

        clock.Stop();
        await stop.CancelAsync();
        await Task.WhenAny(serve, Task.Delay(5000));
        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.Contains("took longer than 4000 ms in all", e.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(3900), TimeSpan.FromSeconds(12));
    }
}
