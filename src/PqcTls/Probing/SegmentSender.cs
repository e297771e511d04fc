using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;

namespace PqcTls.Probing;

/// <summary>
/// Sends bytes so that each piece leaves as its own TCP segment: Nagle is off, and before the next piece is sent
/// the previous one must be acknowledged by the peer (Linux <c>TCP_INFO</c>: no unacknowledged and no unsent
/// bytes), then a short gap lets the peer's read return it alone.
/// </summary>
internal static class SegmentSender
{
    private const int SolTcp = 6;
    private const int TcpInfo = 11;
    private const int UnackedOffset = 24;
    private const int NotSentOffset = 144;

    public static async Task SendAsync(Socket socket, IReadOnlyList<byte[]> segments, TimeSpan gap, TimeSpan delay,
        TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        socket.NoDelay = true;
        for (int i = 0; i < segments.Count; i++)
        {
            using (var deadline = new CancellationTokenSource(timeout, time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken))
            {
                try
                {
                    int sent = 0;
                    while (sent < segments[i].Length)
                    {
                        sent += await socket.SendAsync(segments[i].AsMemory(sent), SocketFlags.None,
                            linked.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested
                    && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                        $"Sending segment {i + 1} took longer than {timeout.TotalMilliseconds:0} ms."));
                }
            }

            if (i < segments.Count - 1)
            {
                await WaitUntilAcknowledgedAsync(socket, timeout, time, cancellationToken).ConfigureAwait(false);
                TimeSpan pause = gap + delay;
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Waits until the kernel reports that everything written has been acknowledged. Returns at once where
    /// <c>TCP_INFO</c> is not available (the gap alone then separates the segments).
    /// </summary>
    public static async Task WaitUntilAcknowledgedAsync(Socket socket, TimeSpan timeout, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        long start = time.GetTimestamp();
        var info = new byte[232];
        while (true)
        {
            int length = socket.GetRawSocketOption(SolTcp, TcpInfo, info);
            if (length < NotSentOffset + 4)
            {
                return;
            }

            uint unacked = BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(UnackedOffset));
            uint notSent = BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(NotSentOffset));
            if (unacked == 0 && notSent == 0)
            {
                return;
            }

            if (time.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"The peer did not acknowledge a segment within {timeout.TotalMilliseconds:0} ms."));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the receiver-side count of data segments (Linux <c>tcpi_data_segs_in</c>), or -1.</summary>
    public static long DataSegmentsIn(Socket socket)
    {
        const int DataSegsInOffset = 152;
        if (!OperatingSystem.IsLinux())
        {
            return -1;
        }

        var info = new byte[232];
        int length = socket.GetRawSocketOption(SolTcp, TcpInfo, info);
        return length >= DataSegsInOffset + 4 ? BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(DataSegsInOffset)) : -1;
    }
}
