using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using PqcTls.Records;

namespace PqcTls.Handshake;

/// <summary>
/// Reads a ClientHello incrementally from buffered bytes, the way Kestrel parses HTTP: call
/// <see cref="TryRead"/> with everything received so far; it either reports the hello complete (and how far it
/// consumed) or asks for more by examining everything. It reassembles the handshake message across any TCP
/// segmentation and any TLS record fragmentation, and rejects what RFC 8446 forbids with a
/// <see cref="PqcTlsException"/> carrying the alert and byte offset. After warm-up it does not allocate.
/// </summary>
/// <remarks>
/// One instance reads one hello at a time and is not thread-safe. The spans it returns stay valid until the next
/// <see cref="TryRead"/>. For SNI routing and inspection: the record bytes that follow the ClientHello (for example
/// early data) are left after <c>consumed</c>.
/// </remarks>
public sealed class ClientHelloReader
{
    private readonly int _maxLength;
    private byte[] _buffer = [];
    private int _length;
    private ClientHelloFields _fields;

    /// <summary>Creates a reader with the default limits.</summary>
    public ClientHelloReader()
        : this(new ClientHelloReaderOptions())
    {
    }

    /// <summary>Creates a reader with the given limits.</summary>
    /// <param name="options">The limits.</param>
    public ClientHelloReader(ClientHelloReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxClientHelloLength, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxClientHelloLength,
            ClientHelloReaderOptions.MaxAllowedClientHelloLength);
        _maxLength = options.MaxClientHelloLength;
    }

    /// <summary>Gets a value that tells whether the last <see cref="TryRead"/> found a complete ClientHello.</summary>
    public bool IsComplete => _length > 0;

    /// <summary>Gets the reassembled handshake message (header included); empty until complete.</summary>
    public ReadOnlySpan<byte> Message => _buffer.AsSpan(0, _length);

    /// <summary>Gets the number of TLS records the ClientHello arrived in.</summary>
    public int RecordCount { get; private set; }

    /// <summary>Gets the number of wire bytes (record headers included) the ClientHello took.</summary>
    public long WireLength { get; private set; }

    /// <summary>Gets the host_name bytes (ASCII) of server_name, or an empty span when there is none.</summary>
    public ReadOnlySpan<byte> ServerNameBytes => IsComplete ? _fields.HostName.Slice(Message) : default;

    /// <summary>Gets the raw ALPN ProtocolNameList contents (each name prefixed by its 1-byte length).</summary>
    public ReadOnlySpan<byte> ApplicationProtocolBytes => IsComplete ? _fields.Alpn.Slice(Message) : default;

    /// <summary>Gets a value that tells whether supported_versions offers TLS 1.3.</summary>
    public bool OffersTls13
    {
        get
        {
            ReadOnlySpan<byte> versions = IsComplete ? _fields.SupportedVersions.Slice(Message) : default;
            for (int i = 0; i + 1 < versions.Length; i += 2)
            {
                if (versions[i] == 3 && versions[i + 1] == 4)
                {
                    return true;
                }
            }

            return false;
        }
    }

    internal ref readonly ClientHelloFields Fields => ref _fields;

    /// <summary>Gets the host name from server_name as a string (allocates), or <see langword="null"/>.</summary>
    /// <returns>The host name or <see langword="null"/>.</returns>
    public string? GetServerName() =>
        IsComplete && _fields.HostName.IsPresent ? Encoding.ASCII.GetString(ServerNameBytes) : null;

    /// <summary>Tells whether supported_groups lists <paramref name="group"/>.</summary>
    /// <param name="group">The group.</param>
    /// <returns><see langword="true"/> when the group is offered.</returns>
    public bool OffersGroup(TlsNamedGroup group)
    {
        ReadOnlySpan<byte> groups = IsComplete ? _fields.SupportedGroups.Slice(Message) : default;
        for (int i = 0; i + 1 < groups.Length; i += 2)
        {
            if (BinaryPrimitives.ReadUInt16BigEndian(groups[i..]) == (ushort)group)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds the key_exchange bytes the client sent for <paramref name="group"/>.</summary>
    /// <param name="group">The group.</param>
    /// <param name="keyExchange">The share, or an empty span.</param>
    /// <returns><see langword="true"/> when the client sent a share for the group.</returns>
    public bool TryGetKeyShare(TlsNamedGroup group, out ReadOnlySpan<byte> keyExchange)
    {
        FieldRange range = IsComplete ? _fields.FindKeyShare(Message, (ushort)group) : FieldRange.Absent;
        keyExchange = range.Slice(Message);
        return range.IsPresent;
    }

    /// <summary>Copies the complete ClientHello into a <see cref="ClientHello"/> (allocates).</summary>
    /// <returns>The parsed ClientHello.</returns>
    /// <exception cref="InvalidOperationException">No complete ClientHello has been read.</exception>
    public ClientHello ToClientHello()
    {
        if (!IsComplete)
        {
            throw new InvalidOperationException("No complete ClientHello has been read.");
        }

        return ClientHello.Create(Message, _fields);
    }

    /// <summary>
    /// Tries to read a complete ClientHello from the start of <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">Everything received so far, starting with the first record header.</param>
    /// <param name="consumed">The end of the ClientHello's last record when complete; otherwise the start.</param>
    /// <param name="examined">Equal to <paramref name="consumed"/> when complete; otherwise the end of the
    /// buffer.</param>
    /// <returns><see langword="true"/> when the ClientHello is complete and valid; <see langword="false"/> when more
    /// bytes are needed.</returns>
    /// <exception cref="PqcTlsException">The bytes break RFC 8446 or a limit; <see cref="PqcTlsException.Alert"/> and
    /// <see cref="PqcTlsException.ByteOffset"/> (counted from the buffer's start) say how and where.</exception>
    public bool TryRead(in ReadOnlySequence<byte> buffer, out SequencePosition consumed, out SequencePosition examined)
    {
        _length = 0;
        RecordCount = 0;
        WireLength = 0;
        var reader = new SequenceReader<byte>(buffer);
        Span<byte> header = stackalloc byte[TlsHandshakeType.HeaderLength];
        int have = 0;
        int total = -1;
        int records = 0;
        while (true)
        {
            long recordStart = reader.Consumed;
            if (reader.Remaining < TlsRecordLayer.HeaderLength)
            {
                break;
            }

            reader.TryRead(out byte type);
            reader.TryReadBigEndian(out short version);
            reader.TryReadBigEndian(out short rawLength);
            int length = (ushort)rawLength;
            if (type != (byte)TlsContentType.Handshake)
            {
                ThrowHelper.ThrowUnexpectedRecord(type, recordStart, records);
            }

            if ((version >> 8) != 3)
            {
                ThrowHelper.Throw(TlsAlertDescription.DecodeError, recordStart + 1,
                    "The record's legacy_record_version is not 3.x; this is not TLS");
            }

            if (length > TlsRecordLayer.MaxPlaintextLength)
            {
                ThrowHelper.Throw(TlsAlertDescription.RecordOverflow, recordStart + 3,
                    "A handshake record is longer than 2^14 bytes");
            }

            if (length == 0)
            {
                ThrowHelper.Throw(TlsAlertDescription.UnexpectedMessage, recordStart + 3,
                    "A zero-length handshake fragment was sent; RFC 8446 forbids it");
            }

            if (reader.Remaining < length)
            {
                break;
            }

            records++;
            long payloadStart = reader.Consumed;
            int remaining = length;
            while (have < TlsHandshakeType.HeaderLength && remaining > 0)
            {
                reader.TryRead(out header[have]);
                if (have == 0 && header[0] != TlsHandshakeType.ClientHello)
                {
                    ThrowHelper.Throw(TlsAlertDescription.UnexpectedMessage, reader.Consumed - 1,
                        "Expected a ClientHello handshake message (type 1)");
                }

                have++;
                remaining--;
                if (have == TlsHandshakeType.HeaderLength)
                {
                    total = StartMessage(header, reader.Consumed - 3);
                }
            }

            if (total >= 0)
            {
                int need = total - have;
                if (remaining > need)
                {
                    ThrowHelper.Throw(TlsAlertDescription.UnexpectedMessage, payloadStart + (length - remaining) + need,
                        "Bytes follow the ClientHello inside its last record; the ClientHello must end on a record boundary");
                }

                reader.UnreadSequence.Slice(0, remaining).CopyTo(_buffer.AsSpan(have));
                reader.Advance(remaining);
                have += remaining;
                if (have == total)
                {
                    Complete(buffer, total, records, reader.Consumed);
                    consumed = examined = reader.Position;
                    return true;
                }
            }
        }

        consumed = buffer.Start;
        examined = buffer.End;
        return false;
    }

    /// <summary>
    /// Reads a ClientHello from a pipe without consuming it: the hello's bytes stay in the pipe (advanced with
    /// nothing consumed), so a proxy can route by server name and then forward everything unchanged.
    /// </summary>
    /// <param name="reader">The pipe the client's bytes arrive on.</param>
    /// <param name="options">Limits and timeout; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The parsed ClientHello.</returns>
    /// <exception cref="PqcTlsException">The bytes are not a valid ClientHello, the peer closed before it was complete,
    /// or the timeout passed.</exception>
    public static async ValueTask<ClientHello> ReadAsync(PipeReader reader, ClientHelloReaderOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new ClientHelloReaderOptions();
        var parser = new ClientHelloReader(options);
        using var timeout = options.Timeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(options.Timeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested
                && !cancellationToken.IsCancellationRequested)
            {
                throw new PqcTlsException($"The ClientHello was not complete within {options.Timeout.TotalMilliseconds:0} ms.", null, null);
            }

            ReadOnlySequence<byte> buffer = result.Buffer;
            bool complete;
            try
            {
                complete = parser.TryRead(buffer, out _, out SequencePosition examined);
                if (complete)
                {
                    ClientHello hello = parser.ToClientHello();
                    reader.AdvanceTo(buffer.Start);
                    return hello;
                }

                if (result.IsCompleted)
                {
                    throw new PqcTlsException($"The connection ended after {buffer.Length} bytes, before the ClientHello was complete.",
                        TlsAlertDescription.DecodeError, buffer.Length);
                }

                reader.AdvanceTo(buffer.Start, examined);
            }
            catch (PqcTlsException)
            {
                reader.AdvanceTo(buffer.Start);
                throw;
            }
        }
    }

    private int StartMessage(ReadOnlySpan<byte> header, long lengthOffset)
    {
        int total = ((header[1] << 16) | (header[2] << 8) | header[3]) + TlsHandshakeType.HeaderLength;
        if (total > _maxLength)
        {
            ThrowHelper.Throw(TlsAlertDescription.DecodeError, lengthOffset,
                $"The ClientHello declares {total} bytes, more than the limit of {_maxLength}");
        }

        if (_buffer.Length < total)
        {
            _buffer = new byte[Math.Max(total, Math.Min(_maxLength, 2048))];
        }

        header.CopyTo(_buffer);
        return total;
    }

    private void Complete(in ReadOnlySequence<byte> buffer, int total, int records, long wireLength)
    {
        if (!ClientHelloParser.TryParse(_buffer.AsSpan(0, total), out _fields, out ParseError error))
        {
            throw error.ToException(MapToWire(buffer, error.Offset));
        }

        _length = total;
        RecordCount = records;
        WireLength = wireLength;
    }

    /// <summary>Finds the wire offset of a byte of the reassembled message (error path only).</summary>
    private static long MapToWire(in ReadOnlySequence<byte> buffer, int messageOffset)
    {
        var reader = new SequenceReader<byte>(buffer);
        long seen = 0;
        while (reader.Remaining >= TlsRecordLayer.HeaderLength)
        {
            reader.Advance(3);
            reader.TryReadBigEndian(out short rawLength);
            int length = (ushort)rawLength;
            if (messageOffset < seen + length)
            {
                return reader.Consumed + (messageOffset - seen);
            }

            seen += length;
            reader.Advance(Math.Min(length, reader.Remaining));
        }

        return reader.Consumed;
    }
}
