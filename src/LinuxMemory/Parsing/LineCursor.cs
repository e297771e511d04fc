namespace LinuxMemory.Parsing;

/// <summary>Walks UTF-8 text line by line without allocating; tracks the 1-based line number.</summary>
internal ref struct LineCursor
{
    private ReadOnlySpan<byte> _remaining;

    public LineCursor(ReadOnlySpan<byte> text)
    {
        _remaining = text;
        LineNumber = 0;
        Line = default;
    }

    /// <summary>Gets the current line without its terminator (a trailing carriage return is removed).</summary>
    public ReadOnlySpan<byte> Line { get; private set; }

    /// <summary>Gets the 1-based number of the current line.</summary>
    public int LineNumber { get; private set; }

    public bool MoveNext()
    {
        if (_remaining.IsEmpty)
        {
            return false;
        }

        int end = _remaining.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line;
        if (end < 0)
        {
            line = _remaining;
            _remaining = default;
        }
        else
        {
            line = _remaining[..end];
            _remaining = _remaining[(end + 1)..];
        }

        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        Line = line;
        LineNumber++;
        return true;
    }
}
