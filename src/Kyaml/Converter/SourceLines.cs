namespace Kyaml.Converter;

/// <summary>Line boundaries of the source text, to tell blank lines apart and to slice comment lines.</summary>
internal sealed class SourceLines
{
    private readonly string _text;
    private readonly List<int> _starts = [0];

    public SourceLines(string text)
    {
        _text = text;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n')
            {
                _starts.Add(i + 1);
            }
            else if (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
            {
                _starts.Add(i + 1);
            }
        }
    }

    public int Count => _starts.Count;

    /// <summary>The 1-based column of the first character of the 1-based line that is not a space.</summary>
    public long Indentation(long line)
    {
        if (line < 1 || line > _starts.Count)
        {
            return 1;
        }

        int start = _starts[(int)line - 1];
        int i = start;
        while (i < _text.Length && _text[i] == ' ')
        {
            i++;
        }

        return i - start + 1;
    }

    /// <summary>Whether the 1-based line holds only spaces and tabs (or does not exist).</summary>
    public bool IsBlank(long line)
    {
        if (line < 1 || line > _starts.Count)
        {
            return true;
        }

        int start = _starts[(int)line - 1];
        int end = line < _starts.Count ? _starts[(int)line] : _text.Length;
        return _text.AsSpan(start, end - start).Trim(" \t\r\n").IsEmpty;
    }
}
