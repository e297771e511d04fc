namespace Kyaml;

// Comments: whole-line comments before or after an entry, and line comments after an entry's comma.
public sealed partial class Utf8KyamlWriter
{
    /// <summary>
    /// Writes a comment on its own line(s) at the indent of the next entry or item (a head comment when written
    /// before one, a foot comment when written after the last one); at document level, before or after the root
    /// value. Compact mode drops comments.
    /// </summary>
    /// <param name="utf8Comment">
    /// The comment text; several lines are separated by line feeds. A line that does not start with <c>#</c> is
    /// written with <c>"# "</c> in front; an empty line is written as an empty comment line (just the indent).
    /// </param>
    /// <exception cref="KyamlException">
    /// The comment would fall between a key and its value, or after the first item of a cuddled sequence.
    /// </exception>
    public void WriteComment(ReadOnlySpan<byte> utf8Comment)
    {
        if (_options.Compact)
        {
            return;
        }

        int level;
        if (_depth == 0)
        {
            if (_lineOpen)
            {
                WriteNewLine();
            }

            level = 0;
        }
        else
        {
            ref Frame frame = ref _frames[_depth - 1];
            if (_expectValue || (frame.Layout == KyamlSequenceLayout.Cuddled && frame.Count > 0 && !frame.HasLines))
            {
                if (_options.SkipValidation)
                {
                    return;
                }

                ThrowHelper.ThrowInvalidWriterState(_expectValue
                    ? "A comment cannot be written between a key and its value."
                    : "A comment cannot follow an item of a cuddled sequence; use KyamlSequenceLayout.Block.");
            }

            WriteNewLine();
            level = frame.Level + 1;
            frame.HasLines = true;
        }

        WriteIndent(level);
        WriteCommentLines(utf8Comment, level);
        _lineOpen = true;
    }

    /// <summary>
    /// Writes a comment at the end of the line of the value just written (after its comma), or after the root
    /// value. Compact mode drops comments.
    /// </summary>
    /// <param name="utf8Comment">The comment text; <c>"# "</c> is added when it does not start with <c>#</c>.</param>
    /// <exception cref="KyamlException">No value was just written on the current line.</exception>
    public void WriteLineComment(ReadOnlySpan<byte> utf8Comment)
    {
        if (_options.Compact)
        {
            return;
        }

        if (!_lineOpen || _expectValue)
        {
            if (_options.SkipValidation)
            {
                return;
            }

            ThrowHelper.ThrowInvalidWriterState("A line comment must follow a value.");
        }

        WriteByte((byte)' ');
        WriteCommentLines(utf8Comment, 0);
    }

    /// <summary>Writes a whole-line comment.</summary>
    /// <param name="comment">The comment text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="comment"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">See <see cref="WriteComment(ReadOnlySpan{byte})"/>.</exception>
    public void WriteComment(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        WithUtf8(comment, static (writer, utf8) => writer.WriteComment(utf8));
    }

    /// <summary>Writes a line comment.</summary>
    /// <param name="comment">The comment text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="comment"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">See <see cref="WriteLineComment(ReadOnlySpan{byte})"/>.</exception>
    public void WriteLineComment(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        WithUtf8(comment, static (writer, utf8) => writer.WriteLineComment(utf8));
    }

    private void WriteCommentLines(ReadOnlySpan<byte> text, int level)
    {
        bool first = true;
        while (true)
        {
            int end = text.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? text : text[..end];
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (!first)
            {
                WriteByte((byte)'\n');
                WriteIndent(level);
            }

            if (line.Length > 0 && line[0] != '#')
            {
                WriteAscii("# "u8);
            }

            WriteBytes(line);
            first = false;
            if (end < 0)
            {
                break;
            }

            text = text[(end + 1)..];
        }
    }
}
