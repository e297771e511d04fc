using System.Buffers;
using System.Runtime.CompilerServices;

namespace Kyaml;

// Buffer management: bytes go into memory obtained from the output and are committed in blocks.
public sealed partial class Utf8KyamlWriter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> GetSpan(int sizeHint)
    {
        if (_memory.Length - _buffered < sizeHint)
        {
            Grow(sizeHint);
        }

        // Array-backed memory (the usual case) is sliced directly, which is cheaper than Memory<T>.Span.
        return _array is not null
            ? new Span<byte>(_array, _arrayOffset + _buffered, _memory.Length - _buffered)
            : _memory.Span[_buffered..];
    }

    private void Grow(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_output is null, this);

        CommitBuffered();
        _memory = _output!.GetMemory(Math.Max(sizeHint, DefaultBufferSize));
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(_memory, out ArraySegment<byte> segment))
        {
            _array = segment.Array;
            _arrayOffset = segment.Offset;
        }
        else
        {
            _array = null;
        }
    }

    private void CommitBuffered()
    {
        if (_buffered > 0)
        {
            _output!.Advance(_buffered);
            _committed += _buffered;
            _buffered = 0;
            _memory = default;
            _array = null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteByte(byte value)
    {
        Span<byte> span = GetSpan(1);
        span[0] = value;
        _buffered++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteAscii(ReadOnlySpan<byte> text)
    {
        Span<byte> span = GetSpan(text.Length);
        text.CopyTo(span);
        _buffered += text.Length;
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            Span<byte> span = GetSpan(Math.Min(bytes.Length, DefaultBufferSize));
            int n = Math.Min(span.Length, bytes.Length);
            bytes[..n].CopyTo(span);
            _buffered += n;
            bytes = bytes[n..];
        }
    }

    private void WriteIndent(int level)
    {
        int count = level * 2;
        Span<byte> span = GetSpan(count);
        span[..count].Fill((byte)' ');
        _buffered += count;
    }

    // A line break followed by the indentation of the given level, in one step.
    private void WriteNewLineAndIndent(int level)
    {
        int count = (level * 2) + 1;
        Span<byte> span = GetSpan(count);
        span[0] = (byte)'\n';
        span[1..count].Fill((byte)' ');
        _buffered += count;
        _lineOpen = false;
    }
}
