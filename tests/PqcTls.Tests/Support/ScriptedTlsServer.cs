using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using PqcTls.Handshake;

namespace PqcTls.Tests.Support;

/// <summary>
/// A loopback server that reads one ClientHello (with the library's own reader) and answers with whatever bytes
/// the test's script returns, then closes. For feeding the handshake check malformed server input.
/// </summary>
internal sealed class ScriptedTlsServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Task _serve;

    public ScriptedTlsServer(Func<ClientHello, byte[]> script, bool holdOpen = false)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _serve = Task.Run(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using Socket client = await _listener.AcceptAsync(timeout.Token);
            using var stream = new NetworkStream(client);
            PipeReader reader = PipeReader.Create(stream);
            ClientHello hello = await ClientHelloReader.ReadAsync(reader, null, timeout.Token);
            await client.SendAsync(script(hello), SocketFlags.None, timeout.Token);
            if (holdOpen)
            {
                var sink = new byte[4096];
                while (await client.ReceiveAsync(sink, SocketFlags.None, timeout.Token) > 0)
                {
                }
            }
        });
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await Task.WhenAny(_serve, Task.Delay(5000));
    }

    /// <summary>A ServerHello handshake message (header included) in one plaintext record.</summary>
    public static byte[] ServerHelloRecord(ClientHello hello, ushort group, ReadOnlySpan<byte> share, ushort suite = 0x1301)
    {
        var body = new List<byte> { 3, 3 };
        body.AddRange(TestHellos.Pattern(32, 9));
        body.Add((byte)hello.SessionId.Length);
        body.AddRange(hello.SessionId.ToArray());
        body.AddRange([(byte)(suite >> 8), (byte)suite, 0]);
        var extensions = new List<byte> { 0, 43, 0, 2, 3, 4, 0, 51 };
        int length = share.Length + 4;
        extensions.AddRange([(byte)(length >> 8), (byte)length, (byte)(group >> 8), (byte)group, (byte)(share.Length >> 8), (byte)share.Length]);
        extensions.AddRange(share.ToArray());
        body.AddRange([(byte)(extensions.Count >> 8), (byte)extensions.Count]);
        body.AddRange(extensions);
        byte[] message = [2, 0, (byte)(body.Count >> 8), (byte)body.Count, .. body];
        return [22, 3, 3, (byte)(message.Length >> 8), (byte)message.Length, .. message];
    }
}
