using System.Net;
using System.Net.Sockets;
using PqcTls.Probing;

namespace PqcTls.Tests.Probing;

public sealed class SegmentSenderTests
{
    [Fact]
    public async Task SendAsync_FourSegments_ServerSeesFourTcpSegmentsAndFourReads()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using Socket server = await listener.AcceptAsync();
        var reads = new List<int>();
        var buffer = new byte[65536];

        // A dedicated thread blocked in Receive wakes as soon as the kernel delivers a segment; a thread-pool
        // continuation can wait behind other tests' work on a loaded machine and then read two segments at once.
        using var started = new ManualResetEventSlim();
        var recorder = new Thread(() =>
        {
            started.Set();
            int n;
            while ((n = server.Receive(buffer)) > 0)
            {
                reads.Add(n);
            }
        })
        { IsBackground = true, Priority = ThreadPriority.Highest };
        recorder.Start();
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));
        byte[][] segments = [new byte[3], new byte[1], new byte[1500], new byte[77]];

        // A generous gap: read boundaries also depend on how fast the receiving thread runs on a loaded machine.
        await SegmentSender.SendAsync(client, segments, TimeSpan.FromMilliseconds(200), TimeSpan.Zero, TimeSpan.FromSeconds(5),
            TimeProvider.System, CancellationToken.None);
        client.Shutdown(SocketShutdown.Send);
        Assert.True(recorder.Join(TimeSpan.FromSeconds(10)));

        // The kernel's own count of data segments the server received: one per piece, none coalesced.
        Assert.Equal(4, SegmentSender.DataSegmentsIn(server));
        Assert.Equal(new[] { 3, 1, 1500, 77 }, reads);
    }

    [Fact]
    public async Task SendAsync_NoGap_StillOneTcpSegmentPerPiece()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using Socket server = await listener.AcceptAsync();
        byte[][] segments = Enumerable.Range(0, 20).Select(_ => new byte[1]).ToArray();

        await SegmentSender.SendAsync(client, segments, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(5),
            TimeProvider.System, CancellationToken.None);
        await SegmentSender.WaitUntilAcknowledgedAsync(client, TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);

        Assert.Equal(20, SegmentSender.DataSegmentsIn(server));
    }
}
