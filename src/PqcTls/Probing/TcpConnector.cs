using System.Globalization;
using System.Net.Sockets;

namespace PqcTls;

/// <summary>Opens TCP connections with a deadline and Nagle's algorithm off.</summary>
internal static class TcpConnector
{
    public static async Task<Socket> ConnectAsync(string host, int port, TimeSpan timeout, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await socket.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
            return socket;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested
            && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new PqcTlsException(string.Create(CultureInfo.InvariantCulture,
                $"Connecting to {host}:{port} took longer than {timeout.TotalMilliseconds:0} ms."), null, null, new TimeoutException());
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new PqcTlsException($"Could not connect to {host}:{port}: {e.Message}", null, null, e);
        }
    }
}
