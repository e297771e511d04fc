namespace PqcTls.Records;

/// <summary>One record read from a peer: its type, header bytes, payload, and where it started on the wire.</summary>
internal sealed class TlsRecord
{
    public TlsRecord(TlsContentType type, byte[] header, byte[] payload, long offset)
    {
        Type = type;
        Header = header;
        Payload = payload;
        Offset = offset;
    }

    public TlsContentType Type { get; }

    public byte[] Header { get; }

    public byte[] Payload { get; }

    /// <summary>Offset of the record header's first byte in everything the peer sent.</summary>
    public long Offset { get; }
}
