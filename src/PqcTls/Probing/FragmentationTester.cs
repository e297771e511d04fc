using System.Net.Sockets;
using System.Security.Cryptography;
using PqcTls.Handshake;
using PqcTls.KeyExchange;
using PqcTls.Records;

namespace PqcTls.Probing;

/// <summary>
/// Tests whether a TLS server (or a proxy or middlebox in front of it) reassembles a post-quantum ClientHello that
/// arrives split: across TCP segments at every byte offset of the record header and handshake header and at offsets
/// inside the session id, server_name, key_share and ML-KEM share; into several segments; with pauses; and across
/// 2..N TLS records. Each case uses its own connection and a fresh key share, and every segment really leaves as its
/// own TCP segment (Nagle off, each acknowledged before the next is sent).
/// </summary>
public static class FragmentationTester
{
    /// <summary>Runs every case against a server.</summary>
    /// <param name="host">Host name or address.</param>
    /// <param name="port">TCP port.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One result per case; the first is the unsplit control. When the control does not complete, it is the
    /// only case run.</returns>
    /// <exception cref="PqcTlsException">The server cannot be reached for the control case.</exception>
    public static async Task<FragmentationReport> RunAsync(string host, int port,
        FragmentationTesterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        options ??= new FragmentationTesterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        if (options.Groups.Count == 0)
        {
            throw new ArgumentException("At least one group is needed.", nameof(options));
        }

        ClientHelloOptions hello = HelloOptions(options);
        byte[] template = BuildMessage(hello, options.Groups);
        List<FragmentationCase> plan = FragmentationPlan.Create(template, options.Full, options.Delays);
        var results = new List<FragmentationCaseResult>(plan.Count);
        foreach (FragmentationCase c in plan)
        {
            byte[] message = BuildMessage(hello, options.Groups);
            results.Add(await RunCaseAsync(host, port, c, message, options, results.Count == 0,
                cancellationToken).ConfigureAwait(false));

            // A server that does not answer the unsplit hello cannot show what splitting changes; running the
            // split cases against it would only cost a timeout each (minutes against a silent port).
            if (results.Count == 1 && !results[0].Passed)
            {
                break;
            }
        }

        return new FragmentationReport(results, template.Length + TlsRecordLayer.HeaderLength);
    }

    internal static List<byte[]> Segments(byte[] wire, int[] cuts)
    {
        var segments = new List<byte[]>();
        int start = 0;
        foreach (int cut in cuts.Where(c => c > 0 && c < wire.Length).Distinct().Order())
        {
            segments.Add(wire[start..cut]);
            start = cut;
        }

        segments.Add(wire[start..]);
        return segments;
    }

    private static ClientHelloOptions HelloOptions(FragmentationTesterOptions options)
    {
        var hello = new ClientHelloOptions { ServerName = options.ServerName };
        hello.SupportedGroups.Clear();
        foreach (TlsNamedGroup group in options.Groups)
        {
            hello.SupportedGroups.Add(group);
        }

        return hello;
    }

    /// <summary>
    /// Builds a fresh hello: a share for the first group and, like OpenSSL 3.5 and browsers, also for the second when it
    /// is x25519 or secp256r1.
    /// </summary>
    private static byte[] BuildMessage(ClientHelloOptions hello, IList<TlsNamedGroup> groups)
    {
        hello.Random = RandomNumberGenerator.GetBytes(32);
        hello.SessionId = RandomNumberGenerator.GetBytes(32);
        TlsNamedGroup group = groups[0];
        var shares = new List<TlsKeyShare>(2);
        var owned = new List<KeyExchangeClientShare>(2);
        try
        {
            if (KeyExchangeGroup.TryGet(group, out KeyExchangeGroup? keyExchange))
            {
                owned.Add(keyExchange.GenerateClientShare());
                shares.Add(new TlsKeyShare(group, owned[^1].PublicShare.ToArray()));
            }
            else if (group == TlsNamedGroup.X25519Kyber768Draft00)
            {
                shares.Add(new TlsKeyShare(group, DraftKyberProbeShare.Create()));
            }
            else
            {
                throw new ArgumentException($"The first group, {TlsNamedGroups.GetName(group)}, cannot get a key share.",
                    nameof(groups));
            }

            if (groups.Count > 1 && groups[1] is TlsNamedGroup.X25519 or TlsNamedGroup.Secp256r1)
            {
                owned.Add(KeyExchangeGroup.Get(groups[1]).GenerateClientShare());
                shares.Add(new TlsKeyShare(groups[1], owned[^1].PublicShare.ToArray()));
            }

            return ClientHelloBuilder.BuildMessage(hello, shares);
        }
        finally
        {
            foreach (KeyExchangeClientShare share in owned)
            {
                share.Dispose();
            }
        }
    }

    private static async Task<FragmentationCaseResult> RunCaseAsync(
        string host,
        int port,
        FragmentationCase c,
        byte[] message,
        FragmentationTesterOptions options,
        bool isControl,
        CancellationToken cancellationToken)
    {
        byte[] wire = TlsRecordLayer.Frame(message, c.RecordCuts);
        List<byte[]> segments = Segments(wire, c.SegmentCuts);
        TimeProvider time = options.TimeProvider;
        Socket socket;
        try
        {
            socket = await TcpConnector.ConnectAsync(host, port, options.Timeout, time,
                cancellationToken).ConfigureAwait(false);
        }
        catch (PqcTlsException) when (!isControl)
        {
            return new FragmentationCaseResult(c.Name, c.Kind, segments.Count, c.RecordCuts.Length + 1,
                FragmentationOutcome.Reset, null, TimeSpan.Zero);
        }

        using (socket)
        {
            long start = time.GetTimestamp();
            (FragmentationOutcome outcome, TlsAlertDescription? alert) answer;
            try
            {
                await SegmentSender.SendAsync(socket, segments, options.SegmentGap, c.Delay, options.Timeout, time,
                    cancellationToken).ConfigureAwait(false);
                answer = await ReadAnswerAsync(socket, options.Timeout, time, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                answer = await ReadAnswerAsync(socket, TimeSpan.FromMilliseconds(200), time,
                    cancellationToken).ConfigureAwait(false);
                if (answer.outcome is FragmentationOutcome.Timeout or FragmentationOutcome.Closed)
                {
                    answer = (FragmentationOutcome.Reset, null);
                }
            }
            catch (TimeoutException)
            {
                answer = (FragmentationOutcome.Timeout, null);
            }

            return new FragmentationCaseResult(c.Name, c.Kind, segments.Count, c.RecordCuts.Length + 1,
                answer.outcome, answer.alert, time.GetElapsedTime(start));
        }
    }

    /// <summary>Reads the first record the server sends and classifies it.</summary>
    internal static async Task<(FragmentationOutcome Outcome, TlsAlertDescription? Alert)> ReadAnswerAsync(
        Socket socket, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var buffer = new byte[7];
        int have = 0;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            while (have < buffer.Length)
            {
                // An alert needs its description byte (7 bytes); anything else its record header and the first
                // payload byte (6 bytes), which for a ServerHello or HelloRetryRequest is handshake type 2.
                if (have >= TlsRecordLayer.HeaderLength + 1 && buffer[0] != (byte)TlsContentType.Alert)
                {
                    break;
                }

                int read = await socket.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None,
                    linked.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                have += read;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested
            && !cancellationToken.IsCancellationRequested)
        {
            if (have == 0)
            {
                return (FragmentationOutcome.Timeout, null);
            }
        }
        catch (SocketException) when (have == 0)
        {
            return (FragmentationOutcome.Reset, null);
        }
        catch (SocketException)
        {
            // What arrived before the reset still tells what the server answered.
        }

        if (have == 0)
        {
            return (FragmentationOutcome.Closed, null);
        }

        return buffer[0] switch
        {
            (byte)TlsContentType.Handshake when IsServerHelloStart(buffer.AsSpan(0, have)) =>
                (FragmentationOutcome.Completed, null),
            (byte)TlsContentType.Alert when have >= 2 && buffer[1] == 3 =>
                (FragmentationOutcome.Alert, have >= 7 ? (TlsAlertDescription)buffer[6] : null),
            _ => (FragmentationOutcome.Invalid, null),
        };
    }

    /// <summary>
    /// Tells whether the bytes start a plaintext handshake record (version 3.x, length 1 to 2^14 + 256) whose first
    /// message is a ServerHello or HelloRetryRequest (type 2).
    /// </summary>
    private static bool IsServerHelloStart(ReadOnlySpan<byte> answer)
    {
        if (answer.Length < TlsRecordLayer.HeaderLength + 1 || answer[1] != 3)
        {
            return false;
        }

        int length = (answer[3] << 8) | answer[4];
        return length is > 0 and <= TlsRecordLayer.MaxCiphertextLength
            && answer[TlsRecordLayer.HeaderLength] == TlsHandshakeType.ServerHello;
    }
}
