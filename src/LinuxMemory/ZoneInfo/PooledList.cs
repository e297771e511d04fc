using System.Collections;

namespace LinuxMemory.ZoneInfo;

/// <summary>A read-only view of the first <see cref="Count"/> items of a reusable array.</summary>
internal sealed class PooledList<T> : IReadOnlyList<T>
{
    private T[] _items = [];

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _items[index];
        }
    }

    /// <summary>Returns the pooled item at <see cref="Count"/> (creating it on first use) and counts it.</summary>
    public T Rent(Func<T> create)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(8, _items.Length * 2));
        }

        T item = _items[Count] ??= create();
        Count++;
        return item;
    }

    public void Clear() => Count = 0;

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
