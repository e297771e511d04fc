using System.Globalization;

namespace PqcTls.Records;

/// <summary>
/// Reads whole TLS records from a stream, with a timeout on every read and checks on every header. Errors carry
/// the offset in everything the peer sent.
/// </summary>
/// <remarks>
/// Besides the timeout on every read, everything read through one reader must arrive within
/// <see cref="TotalTimeoutFactor"/> times that timeout, so that a peer trickling a byte at a time cannot hold the
/// caller for longer than that.
/// </remarks>
internal sealed class TlsRecordReader
{
    /// <summary>How many read timeouts all reads of one reader may take together.</summary>
    public const int TotalTimeoutFactor = 4;

    private readonly Stream _stream;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly long _started;
    private long _offset;

    public TlsRecordReader(Stream stream, TimeSpan timeout, TimeProvider time)
    {
        _stream = stream;
        _timeout = timeout;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>Bytes received so far.</summary>
    public long Offset => _offset;

    /// <summary>
    /// Reads one record, or returns <see langword="null"/> when the peer closed cleanly between records.
    /// </summary>
    public async Task<TlsRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        long start = _offset;
        var header = new byte[TlsRecordLayer.HeaderLength];
        int got = await FillAsync(header, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < header.Length)
        {
            throw Truncated(start + got, "record header");
        }

        byte type = header[0];
        if (type is < 20 or > 23)
        {
            throw new PqcTlsException(
                string.Create(CultureInfo.InvariantCulture,
                    $"The peer sent a record of unknown type {type} (at byte {start})."),
                TlsAlertDescription.UnexpectedMessage, start);
        }

        if (header[1] != 3)
        {
            throw new PqcTlsException(
                string.Create(CultureInfo.InvariantCulture,
                    $"The peer's record version {header[1]}.{header[2]} is not 3.x; this is not TLS (at byte {start + 1})."),
                TlsAlertDescription.DecodeError, start + 1);
        }

        int length = (header[3] << 8) | header[4];
        if (length > TlsRecordLayer.MaxCiphertextLength)
        {
            throw new PqcTlsException(
                string.Create(CultureInfo.InvariantCulture,
                    $"The peer's record declares {length} bytes, more than 2^14 + 256 (at byte {start + 3})."),
                TlsAlertDescription.RecordOverflow, start + 3);
        }

        var payload = new byte[length];
        got = await FillAsync(payload, cancellationToken).ConfigureAwait(false);
        if (got < length)
        {
            throw Truncated(_offset, "record payload");
        }

        return new TlsRecord((TlsContentType)type, header, payload, start);
    }

    private static PqcTlsException Truncated(long offset, string what) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"The peer closed the connection inside a {what} (at byte {offset})."),
            TlsAlertDescription.DecodeError, offset);

    private async Task<int> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = await TimedAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
            _offset += read;
        }

        return total;
    }

    private async Task<int> TimedAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        TimeSpan total = _timeout < TimeSpan.MaxValue / TotalTimeoutFactor
            ? _timeout * TotalTimeoutFactor : TimeSpan.MaxValue;
        TimeSpan left = total - _time.GetElapsedTime(_started);
        if (left <= TimeSpan.Zero)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"The peer's answer took longer than {total.TotalMilliseconds:0} ms in all (after {_offset} bytes)."));
        }

        bool lastRead = left < _timeout;
        using var timeout = new CancellationTokenSource(lastRead ? left : _timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            return await _stream.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested
            && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(lastRead
                ? string.Create(CultureInfo.InvariantCulture,
                    $"The peer's answer took longer than {total.TotalMilliseconds:0} ms in all (after {_offset} bytes).")
                : string.Create(CultureInfo.InvariantCulture,
                    $"The peer sent nothing for {_timeout.TotalMilliseconds:0} ms (after {_offset} bytes)."));
        }
    }
}
