using System.Net;
using System.Net.Sockets;

namespace PqcTls.Tests.Support;

/// <summary>
/// A deliberately broken SNI router, like the ones tldr.fail lists: it does ONE read, and unless that read holds a
/// whole TLS record holding the whole ClientHello it resets the connection; otherwise it forwards that read (and only that read) to the backend
/// and relays the backend's answer. Listens on 127.0.0.1; stops when disposed.
/// </summary>
internal sealed class BrokenSniRouter : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly IPEndPoint _backend;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public BrokenSniRouter(IPEndPoint backend)
    {
        _backend = backend;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await Task.WhenAny(_loop, Task.Delay(5000));
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                var buffer = new byte[16384];
                int n = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                // The naive parse: the first read must hold a record that holds the whole ClientHello.
                bool wholeRecord = n >= 9 && n >= 5 + ((buffer[3] << 8) | buffer[4])
                    && ((buffer[3] << 8) | buffer[4]) >= 4 + ((buffer[6] << 16) | (buffer[7] << 8) | buffer[8]);
                if (!wholeRecord)
                {
                    client.LingerState = new LingerOption(true, 0);
                    return;
                }

                using var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await backend.ConnectAsync(_backend, timeout.Token);
                await backend.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, timeout.Token);
                var relay = new byte[16384];
                while (true)
                {
                    int m = await backend.ReceiveAsync(relay, SocketFlags.None, timeout.Token);
                    if (m == 0)
                    {
                        return;
                    }

                    await client.SendAsync(relay.AsMemory(0, m), SocketFlags.None, timeout.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The tester closes connections as soon as it has the first answer.
            }
        }
    }
}
