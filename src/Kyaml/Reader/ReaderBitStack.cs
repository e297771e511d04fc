namespace Kyaml;

/// <summary>
/// The kinds of the open containers (mapping or sequence), one bit each: the first 64 levels live in a
/// <see cref="ulong"/>, deeper levels in an array allocated on first use.
/// </summary>
internal struct ReaderBitStack
{
    private ulong _low;
    private ulong[]? _high;
    private int _count;

    public readonly int Count => _count;

    public void Push(bool isMapping)
    {
        if (_count < 64)
        {
            ulong bit = 1UL << _count;
            _low = isMapping ? _low | bit : _low & ~bit;
        }
        else
        {
            int index = _count - 64;
            int word = index >> 6;
            if (_high is null || word >= _high.Length)
            {
                ulong[] grown = new ulong[Math.Max(4, (word + 1) * 2)];
                _high?.CopyTo(grown, 0);
                _high = grown;
            }

            ulong bit = 1UL << (index & 63);
            _high[word] = isMapping ? _high[word] | bit : _high[word] & ~bit;
        }

        _count++;
    }

    /// <summary>Gets a copy that shares nothing with this stack (allocates only beyond 64 levels).</summary>
    public readonly ReaderBitStack Clone()
    {
        ReaderBitStack copy = this;
        copy._high = (ulong[]?)_high?.Clone();
        return copy;
    }

    public void Pop()
    {
        _count--;
    }

    /// <summary>Gets whether the innermost open container is a mapping; false for a sequence or when none is open.</summary>
    public readonly bool PeekIsMapping()
    {
        if (_count == 0)
        {
            return false;
        }

        int top = _count - 1;
        if (top < 64)
        {
            return (_low & (1UL << top)) != 0;
        }

        int index = top - 64;
        return (_high![index >> 6] & (1UL << (index & 63))) != 0;
    }
}
