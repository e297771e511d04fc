using System.Globalization;
using PqcTls.Records;

namespace PqcTls.Handshake;

/// <summary>
/// Reassembles the server's plaintext handshake messages (ServerHello, HelloRetryRequest) across records and hands
/// out the first protected record after them.
/// </summary>
internal sealed class ServerFlightReader
{
    /// <summary>The most compatibility change_cipher_spec records accepted from one server.</summary>
    public const int MaxChangeCipherSpecs = 2;

    private readonly TlsRecordReader _records;
    private readonly List<byte> _pending = [];
    private readonly List<(int MessageOffset, long WireOffset)> _fragments = [];
    private int _changeCipherSpecs;

    public ServerFlightReader(TlsRecordReader records)
    {
        _records = records;
    }

    /// <summary>
    /// Reads the next plaintext handshake message and a function mapping its offsets to wire offsets.
    /// </summary>
    public async Task<(byte[] Message, Func<int,
        long> WireOffset)> ReadHandshakeMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_pending.Count >= TlsHandshakeType.HeaderLength)
            {
                int length = (_pending[1] << 16) | (_pending[2] << 8) | _pending[3];
                if (length > TlsRecordLayer.MaxPlaintextLength * 4)
                {
                    long at = Map(_fragments.ToArray(), 1);
                    throw new PqcTlsException(string.Create(CultureInfo.InvariantCulture,
                        $"The peer's handshake message declares {length} bytes (at byte {at})."), TlsAlertDescription.DecodeError, at);
                }

                if (_pending.Count >= length + 4)
                {
                    byte[] message = _pending.GetRange(0, length + 4).ToArray();
                    (int, long)[] map = _fragments.ToArray();
                    _pending.RemoveRange(0, length + 4);
                    RebaseFragments(length + 4);
                    return (message, offset => Map(map, offset));
                }
            }

            TlsRecord record = await ReadRecordAsync(cancellationToken).ConfigureAwait(false);
            switch (record.Type)
            {
                case TlsContentType.Handshake:
                    if (record.Payload.Length == 0)
                    {
                        throw new PqcTlsException(string.Create(CultureInfo.InvariantCulture,
                            $"The peer sent a zero-length handshake record (at byte {record.Offset + 3})."), TlsAlertDescription.UnexpectedMessage, record.Offset + 3);
                    }

                    _fragments.Add((_pending.Count, record.Offset + TlsRecordLayer.HeaderLength));
                    _pending.AddRange(record.Payload);
                    break;
                case TlsContentType.ChangeCipherSpec when _pending.Count == 0 && record.Payload is [1]:
                    CountChangeCipherSpec(record);
                    break;
                default:
                    throw new PqcTlsException(string.Create(CultureInfo.InvariantCulture,
                        $"Expected a plaintext handshake record but the peer sent a {record.Type} record (at byte {record.Offset})."),
                        TlsAlertDescription.UnexpectedMessage, record.Offset);
            }
        }
    }

    /// <summary>Checks that the message just read ended on a record boundary (it precedes a key change).</summary>
    public void RequireRecordBoundary()
    {
        if (_pending.Count > 0)
        {
            long at = _fragments.Count > 0 ? _fragments[0].WireOffset : _records.Offset;
            throw new PqcTlsException(string.Create(CultureInfo.InvariantCulture,
                $"Handshake bytes follow the ServerHello in its record; it must end on a record boundary (at byte {at})."),
                TlsAlertDescription.UnexpectedMessage, at);
        }
    }

    /// <summary>Reads the first protected record, skipping the compatibility change_cipher_spec.</summary>
    public async Task<TlsRecord> ReadProtectedRecordAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TlsRecord record = await ReadRecordAsync(cancellationToken).ConfigureAwait(false);
            if (record.Type == TlsContentType.ChangeCipherSpec && record.Payload is [1])
            {
                CountChangeCipherSpec(record);
                continue;
            }

            if (record.Type != TlsContentType.ApplicationData)
            {
                throw new PqcTlsException(string.Create(CultureInfo.InvariantCulture,
                    $"Expected a protected record after the ServerHello but the peer sent a {record.Type} record (at byte {record.Offset})."),
                    TlsAlertDescription.UnexpectedMessage, record.Offset);
            }

            return record;
        }
    }

    /// <summary>
    /// Allows the one compatibility change_cipher_spec a server sends (RFC 8446 appendix D.4) with room to spare,
    /// but not an endless stream of them.
    /// </summary>
    private void CountChangeCipherSpec(TlsRecord record)
    {
        if (++_changeCipherSpecs > MaxChangeCipherSpecs)
        {
            throw new PqcTlsException(string.Create(CultureInfo.InvariantCulture,
                $"The peer sent more than {MaxChangeCipherSpecs} change_cipher_spec records (at byte {record.Offset})."),
                TlsAlertDescription.UnexpectedMessage, record.Offset);
        }
    }

    private static long Map((int MessageOffset, long WireOffset)[] map, int offset)
    {
        for (int i = map.Length - 1; i >= 0; i--)
        {
            if (offset >= map[i].MessageOffset)
            {
                return map[i].WireOffset + (offset - map[i].MessageOffset);
            }
        }

        return offset;
    }

    private async Task<TlsRecord> ReadRecordAsync(CancellationToken cancellationToken)
    {
        TlsRecord? record = await _records.ReadAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new TlsPeerAlertException(null, _records.Offset);
        if (record.Type == TlsContentType.Alert)
        {
            if (record.Payload.Length != 2)
            {
                throw new PqcTlsException(string.Create(CultureInfo.InvariantCulture,
                    $"The peer's alert record holds {record.Payload.Length} bytes instead of 2 (at byte {record.Offset + 3})."),
                    TlsAlertDescription.DecodeError, record.Offset + 3);
            }

            throw new TlsPeerAlertException((TlsAlertDescription)record.Payload[1], record.Offset);
        }

        return record;
    }

    private void RebaseFragments(int removed)
    {
        var rebased = new List<(int, long)>();
        foreach ((int messageOffset, long wireOffset) in _fragments)
        {
            int end = messageOffset - removed;
            if (end >= 0)
            {
                rebased.Add((end, wireOffset));
            }
            else
            {
                rebased.Add((0, wireOffset - end));
            }
        }

        _fragments.Clear();
        _fragments.AddRange(rebased.Where(f => f.Item1 >= 0));
        while (_fragments.Count > 1 && _fragments[1].MessageOffset == 0)
        {
            _fragments.RemoveAt(0);
        }

        if (_pending.Count == 0)
        {
            _fragments.Clear();
        }
    }
}
