using System.Buffers.Binary;

namespace PqcTls.Handshake;

/// <summary>A growable big-endian writer with back-patched length prefixes, for building handshake messages.</summary>
internal sealed class HandshakeWriter
{
    private byte[] _buffer;
    private int _position;

    public HandshakeWriter(int capacity)
    {
        _buffer = new byte[Math.Max(capacity, 64)];
    }

    public int Position => _position;

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_position), value);
        _position += 2;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_position));
        _position += value.Length;
    }

    public void WriteZeros(int count)
    {
        Ensure(count);
        _buffer.AsSpan(_position, count).Clear();
        _position += count;
    }

    /// <summary>Reserves a length prefix of 1, 2 or 3 bytes and returns where it is.</summary>
    public int BeginLength(int width)
    {
        Ensure(width);
        int at = _position;
        _position += width;
        return at;
    }

    /// <summary>Fills a prefix reserved by <see cref="BeginLength"/> with the number of bytes written since.</summary>
    public void EndLength(int at, int width)
    {
        int length = _position - at - width;
        int max = width == 1 ? 0xFF : width == 2 ? 0xFFFF : 0xFFFFFF;
        if (length > max)
        {
            throw new ArgumentException($"A field of {length} bytes does not fit its {width}-byte length prefix.");
        }

        for (int i = width - 1; i >= 0; i--)
        {
            _buffer[at + i] = (byte)length;
            length >>= 8;
        }
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _position).ToArray();

    private void Ensure(int count)
    {
        if (_buffer.Length - _position < count)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + count));
        }
    }
}
