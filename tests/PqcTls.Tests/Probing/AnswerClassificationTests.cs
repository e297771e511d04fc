using System.Net;
using System.Net.Sockets;
using PqcTls.Probing;

namespace PqcTls.Tests.Probing;

public sealed class AnswerClassificationTests
{
    private static async Task<(FragmentationOutcome Outcome, TlsAlertDescription? Alert)> ClassifyAsync(Action<Socket> server, int timeoutMs = 3000)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        Socket accepted = await listener.AcceptAsync();
        try
        {
            server(accepted);
            return await FragmentationTester.ReadAnswerAsync(client, TimeSpan.FromMilliseconds(timeoutMs), TimeProvider.System, CancellationToken.None);
        }
        finally
        {
            accepted.Dispose();
        }
    }

    [Fact]
    public async Task ReadAnswerAsync_ServerHelloRecord_Completed()
    {
        var answer = await ClassifyAsync(s => s.Send([22, 3, 3, 0, 90, 2, 0, 0, 86]));

        Assert.Equal(FragmentationOutcome.Completed, answer.Outcome);
    }

    [Fact]
    public async Task ReadAnswerAsync_AlertRecord_AlertWithDescription()
    {
        var answer = await ClassifyAsync(s => s.Send([21, 3, 3, 0, 2, 2, 10]));

        Assert.Equal(FragmentationOutcome.Alert, answer.Outcome);
        Assert.Equal(TlsAlertDescription.UnexpectedMessage, answer.Alert);
    }

    [Fact]
    public async Task ReadAnswerAsync_AlertSplitAcrossSegments_AlertWithDescription()
    {
        var answer = await ClassifyAsync(s =>
        {
            s.NoDelay = true;
            s.Send([21, 3, 3]);
            s.Send([0, 2, 2, 22]);
        });

        Assert.Equal(FragmentationOutcome.Alert, answer.Outcome);
        Assert.Equal(TlsAlertDescription.RecordOverflow, answer.Alert);
    }

    [Fact]
    public async Task ReadAnswerAsync_CleanClose_Closed()
    {
        var answer = await ClassifyAsync(s => s.Shutdown(SocketShutdown.Both));

        Assert.Equal(FragmentationOutcome.Closed, answer.Outcome);
    }

    [Fact]
    public async Task ReadAnswerAsync_Reset_Reset()
    {
        var answer = await ClassifyAsync(s =>
        {
            s.LingerState = new LingerOption(true, 0);
            s.Close();
        });

        Assert.Equal(FragmentationOutcome.Reset, answer.Outcome);
    }

    [Fact]
    public async Task ReadAnswerAsync_Silence_TimeoutWithinBound()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var answer = await ClassifyAsync(_ => { }, timeoutMs: 200);

        Assert.Equal(FragmentationOutcome.Timeout, answer.Outcome);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), watch.Elapsed.ToString());
    }
}
