using System.Buffers;

namespace Kyaml;

/// <summary>Reading from a <see cref="ReadOnlySequence{T}"/> of several segments.</summary>
public ref partial struct Utf8KyamlReader
{
    private const int MinimumStitchSize = 256;

    /// <summary>Initializes a strict reader over complete KYAML text in a sequence of segments.</summary>
    /// <param name="kyaml">The UTF-8 text: one or more documents.</param>
    public Utf8KyamlReader(ReadOnlySequence<byte> kyaml)
        : this(kyaml, isFinalBlock: true, new KyamlReaderState(default))
    {
    }

    /// <summary>Initializes a reader over complete KYAML text in a sequence of segments.</summary>
    /// <param name="kyaml">The UTF-8 text: one or more documents.</param>
    /// <param name="options">Mode, comment handling and limits.</param>
    public Utf8KyamlReader(ReadOnlySequence<byte> kyaml, KyamlReaderOptions options)
        : this(kyaml, isFinalBlock: true, new KyamlReaderState(options))
    {
    }

    /// <summary>Initializes a reader over one block of a stream held in a sequence, continuing from a saved state.</summary>
    /// <param name="kyaml">The bytes that follow the last <see cref="BytesConsumed"/> of the previous reader.</param>
    /// <param name="isFinalBlock">Whether these are the last bytes of the stream.</param>
    /// <param name="state">The state of the previous reader, or a new state for the start of a stream.</param>
    public Utf8KyamlReader(ReadOnlySequence<byte> kyaml, bool isFinalBlock, KyamlReaderState state)
        : this(kyaml.FirstSpan, isFinalBlock, state)
    {
        if (kyaml.IsSingleSegment)
        {
            return;
        }

        _isMultiSegment = true;
        _sequence = kyaml;
        _currentPosition = kyaml.Start;
        _nextPosition = kyaml.Start;
        _buffer = default;
        MoveToNextSegment(first: true);
    }

    private bool ReadMultiSegment()
    {
        while (true)
        {
            if (ReadCore())
            {
                return true;
            }

            if (_isFinalWindow)
            {
                return false;
            }

            long end = _inputStart + _sequence.Length;
            if (_bufferStart + _buffer.Length >= end)
            {
                // Every segment is read and the block is not final: the caller has to supply more bytes.
                return false;
            }

            if (_consumed >= _buffer.Length)
            {
                MoveToNextSegment(first: false);
                continue;
            }

            // A token starts in this segment and goes on in the next: scan it in a contiguous copy.
            int result = ReadStitched();
            if (result >= 0)
            {
                return result == 1;
            }
        }
    }

    /// <summary>Reads the token that straddles segments through a pooled contiguous copy.</summary>
    /// <returns>1 for a token, 0 when more input is needed or the stream ended, -1 to go on reading segments.</returns>
    private int ReadStitched()
    {
        ReadOnlySpan<byte> savedBuffer = _buffer;
        long savedStart = _bufferStart;
        SequencePosition savedCurrent = _currentPosition;
        SequencePosition savedNext = _nextPosition;
        long start = _bufferStart + _consumed;
        long remaining = _inputStart + _sequence.Length - start;
        ReadOnlySequence<byte> rest = _sequence.Slice(_sequence.GetPosition(_consumed, _currentPosition));
        long size = Math.Min(remaining, Math.Max(MinimumStitchSize, 2L * (savedBuffer.Length - _consumed)));
        while (true)
        {
            // The scanner rejects a token longer than the maximum token size, so the copy stays bounded.
            int length = (int)Math.Min(size, int.MaxValue - 64);
            byte[] rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                rest.Slice(0, length).CopyTo(rented);
                _buffer = rented.AsSpan(0, length);
                _bufferStart = start;
                _consumed = 0;
                _isFinalWindow = _isFinalBlock && length == remaining;
                bool token = ReadCore();
                long reached = _bufferStart + _consumed;
                bool progressed = _consumed > 0;
                bool finalWindow = _isFinalWindow;
                long valueStart = _bufferStart + _valueStartIndex;
                int valueLength = _valueLength;

                _buffer = savedBuffer;
                _bufferStart = savedStart;
                _currentPosition = savedCurrent;
                _nextPosition = savedNext;
                _isFinalWindow = false;
                if (token)
                {
                    ReadOnlySequence<byte> value = _sequence.Slice(
                        _sequence.GetPosition(valueStart - savedStart, savedCurrent), valueLength);
                    MoveTo(reached);
                    _valueStartIndex = (int)Math.Max(0, valueStart - _bufferStart);
                    if (value.IsSingleSegment)
                    {
                        ValueSpan = value.FirstSpan;
                        HasValueSequence = false;
                    }
                    else
                    {
                        ValueSpan = default;
                        ValueSequence = value;
                        HasValueSequence = true;
                    }

                    return 1;
                }

                if (finalWindow || progressed)
                {
                    MoveTo(reached);
                    return finalWindow ? 0 : -1;
                }

                if (length >= remaining)
                {
                    MoveTo(start);
                    return 0;
                }

                size = Math.Min(remaining, size * 2);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Moves the window forward to the segment that holds the absolute position.</summary>
    private void MoveTo(long position)
    {
        while (position > _bufferStart + _buffer.Length)
        {
            MoveToNextSegment(first: false);
        }

        _consumed = (int)(position - _bufferStart);
        UpdateFinalWindow();
    }

    private void MoveToNextSegment(bool first)
    {
        if (!first)
        {
            _bufferStart += _buffer.Length;
        }

        _consumed = 0;
        SequencePosition copy = _nextPosition;
        while (_sequence.TryGet(ref _nextPosition, out ReadOnlyMemory<byte> memory, advance: true))
        {
            _currentPosition = copy;
            copy = _nextPosition;
            if (memory.Length > 0)
            {
                _buffer = memory.Span;
                UpdateFinalWindow();
                return;
            }
        }

        _buffer = default;
        UpdateFinalWindow();
    }

    private void UpdateFinalWindow()
    {
        _isFinalWindow = _isFinalBlock && _bufferStart + _buffer.Length >= _inputStart + _sequence.Length;
    }
}
