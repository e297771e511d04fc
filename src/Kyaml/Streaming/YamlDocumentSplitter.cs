using System.Buffers;

namespace Kyaml;

/// <summary>
/// Finds the documents of a YAML stream as it arrives: a document ends before a <c>---</c> line or after a
/// <c>...</c> line (YAML forbids both at the start of a line inside content), so only line starts are examined.
/// </summary>
/// <remarks>
/// Lines of comments, blank lines and directives before a <c>---</c> stay with the document that follows. A
/// stream position is remembered between calls, so each byte is examined once.
/// </remarks>
internal sealed class YamlDocumentSplitter
{
    private readonly long _maxDocumentBytes;

    /// <summary>Bytes of the current document already examined (always at a line start).</summary>
    private long _scanned;
    private bool _hasContent;
    private long _linesScanned;
    private long _nextStartOffset;
    private long _nextStartLine = 1;

    public YamlDocumentSplitter(long maxDocumentBytes)
    {
        _maxDocumentBytes = maxDocumentBytes;
    }

    /// <summary>Gets the stream offset of the document last returned.</summary>
    public long DocumentStartOffset { get; private set; }

    /// <summary>Gets the 1-based stream line of the document last returned.</summary>
    public long DocumentStartLine { get; private set; } = 1;

    /// <summary>Takes the next complete document off the front of <paramref name="buffer"/>.</summary>
    /// <returns>False when the buffer holds no complete document (all of it, at the end of the stream).</returns>
    public bool TryGetDocument(ref ReadOnlySequence<byte> buffer, bool isFinal, out ReadOnlySequence<byte> document)
    {
        var reader = new SequenceReader<byte>(buffer);
        reader.Advance(_scanned);
        Span<byte> head = stackalloc byte[4];
        while (!reader.End)
        {
            long lineStart = reader.Consumed;
            int peeked = 4;
            if (!reader.TryCopyTo(head))
            {
                if (!isFinal)
                {
                    break;
                }

                peeked = (int)reader.Remaining;
                reader.UnreadSequence.CopyTo(head);
            }

            bool separated = peeked == 3
                || (peeked == 4 && head[3] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');
            bool start = separated && head[..3].SequenceEqual("---"u8);
            bool end = separated && head[..3].SequenceEqual("..."u8);
            if (start && _hasContent && lineStart > 0)
            {
                return Take(ref buffer, lineStart, out document);
            }

            reader.AdvancePastAny((byte)' ', (byte)'\t');
            bool content = reader.TryPeek(out byte first)
                && first is not ((byte)'#' or (byte)'\r' or (byte)'\n' or (byte)'%');
            if (!reader.TryAdvanceTo((byte)'\n'))
            {
                if (!isFinal)
                {
                    reader.Rewind(reader.Consumed - lineStart);
                    break;
                }

                reader.AdvanceToEnd();
            }
            else
            {
                _linesScanned++;
            }

            _scanned = reader.Consumed;
            if (end)
            {
                return Take(ref buffer, reader.Consumed, out document);
            }

            _hasContent |= start || content;
        }

        _scanned = reader.Consumed;
        if (isFinal && buffer.Length > 0)
        {
            return Take(ref buffer, buffer.Length, out document);
        }

        if (buffer.Length > _maxDocumentBytes)
        {
            ThrowHelper.ThrowSizeExceeded(_maxDocumentBytes, buffer.Length);
        }

        document = default;
        return false;
    }

    private bool Take(ref ReadOnlySequence<byte> buffer, long length, out ReadOnlySequence<byte> document)
    {
        if (length > _maxDocumentBytes)
        {
            ThrowHelper.ThrowSizeExceeded(_maxDocumentBytes, length);
        }

        document = buffer.Slice(0, length);
        buffer = buffer.Slice(length);
        DocumentStartOffset = _nextStartOffset;
        DocumentStartLine = _nextStartLine;
        _nextStartOffset += length;
        _nextStartLine += _linesScanned;
        _linesScanned = 0;
        _scanned = 0;
        _hasContent = false;
        return true;
    }
}
