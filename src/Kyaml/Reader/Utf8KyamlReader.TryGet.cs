using System.Buffers;
using System.Text;

namespace Kyaml;

/// <summary>Typed access to the value of the current token.</summary>
public ref partial struct Utf8KyamlReader
{
    private const int StackallocThreshold = 256;

    /// <summary>Gets the decoded string of a <see cref="KyamlTokenType.String"/> or <see cref="KyamlTokenType.PropertyName"/>.</summary>
    /// <returns>The string; <see langword="null"/> for a <see cref="KyamlTokenType.Null"/> token.</returns>
    /// <exception cref="InvalidOperationException">The token is not a string, key or null.</exception>
    public readonly string? GetString()
    {
        if (_tokenType == KyamlTokenType.Null)
        {
            return null;
        }

        EnsureTokenIs(isString: true);
        return DecodeToString();
    }

    /// <summary>Tries to get the decoded string of a string or key token.</summary>
    /// <param name="value">The string, or <see langword="null"/> when the token is not a string or key.</param>
    /// <returns>Whether the token is a string or key.</returns>
    public readonly bool TryGetString(out string? value)
    {
        if (_tokenType is not (KyamlTokenType.String or KyamlTokenType.PropertyName))
        {
            value = null;
            return false;
        }

        value = DecodeToString();
        return true;
    }

    /// <summary>Gets the text of a <see cref="KyamlTokenType.Comment"/> token (after the <c>#</c>).</summary>
    /// <returns>The comment text.</returns>
    /// <exception cref="InvalidOperationException">The token is not a comment.</exception>
    public readonly string GetComment()
    {
        if (_tokenType != KyamlTokenType.Comment)
        {
            throw new InvalidOperationException($"Cannot get a comment from a token of type {_tokenType}.");
        }

        return DecodeToString();
    }

    /// <summary>
    /// Decodes the current string or key into <paramref name="utf8Destination"/> without allocating.
    /// </summary>
    /// <param name="utf8Destination">Where to write the UTF-8 text.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="InvalidOperationException">The token is not a string or key.</exception>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public readonly int CopyString(Span<byte> utf8Destination)
    {
        EnsureTokenIs(isString: true);
        if (TryCopyDecoded(utf8Destination, out int written))
        {
            return written;
        }

        throw new ArgumentException("The destination is too short for the decoded string.", nameof(utf8Destination));
    }

    /// <summary>Compares the decoded string or key with UTF-8 text, without allocating.</summary>
    /// <param name="utf8Text">The text to compare with.</param>
    /// <returns>Whether they are equal.</returns>
    /// <exception cref="InvalidOperationException">The token is not a string or key.</exception>
    public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8Text)
    {
        EnsureTokenIs(isString: true);
        if (!_valueIsEscaped && !HasValueSequence)
        {
            return ValueSpan.SequenceEqual(utf8Text);
        }

        byte[]? rented = null;
        int size = KyamlUnescaper.GetMaxDecodedLength(_valueLength);
        Span<byte> scratch = size <= StackallocThreshold
            ? stackalloc byte[StackallocThreshold]
            : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            return TryCopyDecoded(scratch, out int written) && scratch[..written].SequenceEqual(utf8Text);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Gets the value of a <see cref="KyamlTokenType.True"/> or <see cref="KyamlTokenType.False"/> token.</summary>
    /// <returns>The boolean.</returns>
    /// <exception cref="InvalidOperationException">The token is not a boolean.</exception>
    public readonly bool GetBoolean()
    {
        return _tokenType switch
        {
            KyamlTokenType.True => true,
            KyamlTokenType.False => false,
            _ => throw new InvalidOperationException($"Cannot get a boolean from a token of type {_tokenType}."),
        };
    }

    /// <summary>
    /// Tries to read a number token as a 64-bit integer, the way KYAML's reference parser reads integers
    /// (underscores ignored, <c>0x</c>/<c>0o</c>/<c>0b</c> prefixes, a leading zero meaning octal).
    /// </summary>
    /// <param name="value">The integer.</param>
    /// <returns>False when the number is not an integer or does not fit.</returns>
    /// <exception cref="InvalidOperationException">The token is not a number.</exception>
    public readonly bool TryGetInt64(out long value)
    {
        EnsureNumber();
        Span<byte> plain = stackalloc byte[64];
        int length = CopyWithoutUnderscores(plain);
        if (length >= 0 && KyamlScalarResolver.TryParseGoInteger(plain[..length], out value, out ulong unsignedValue))
        {
            if (value < 0 || unsignedValue <= long.MaxValue)
            {
                return true;
            }
        }

        value = 0;
        return false;
    }

    /// <summary>Reads a number token as a 64-bit integer.</summary>
    /// <returns>The integer.</returns>
    /// <exception cref="InvalidOperationException">The token is not a number.</exception>
    /// <exception cref="FormatException">The number is not an integer or does not fit in 64 bits.</exception>
    public readonly long GetInt64()
    {
        if (!TryGetInt64(out long value))
        {
            throw new FormatException("The number is not an integer that fits in a 64-bit signed integer.");
        }

        return value;
    }

    /// <summary>Tries to read a number token as a 32-bit integer.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>False when the number is not an integer or does not fit.</returns>
    /// <exception cref="InvalidOperationException">The token is not a number.</exception>
    public readonly bool TryGetInt32(out int value)
    {
        if (TryGetInt64(out long wide) && wide is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)wide;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Reads a number token as a 32-bit integer.</summary>
    /// <returns>The integer.</returns>
    /// <exception cref="InvalidOperationException">The token is not a number.</exception>
    /// <exception cref="FormatException">The number is not an integer or does not fit in 32 bits.</exception>
    public readonly int GetInt32()
    {
        if (!TryGetInt32(out int value))
        {
            throw new FormatException("The number is not an integer that fits in a 32-bit signed integer.");
        }

        return value;
    }

    /// <summary>
    /// Tries to read a number token as a double: decimal and exponent forms, integers in any base, and
    /// <c>.inf</c>, <c>-.inf</c>, <c>.nan</c> in the cases YAML allows.
    /// </summary>
    /// <param name="value">The number.</param>
    /// <returns>False when the text cannot be read as a double.</returns>
    /// <exception cref="InvalidOperationException">The token is not a number.</exception>
    public readonly bool TryGetDouble(out double value)
    {
        EnsureNumber();
        if (HasValueSequence || _valueLength > 256)
        {
            Span<byte> copy = stackalloc byte[256];
            if (_valueLength > copy.Length)
            {
                value = 0;
                return false;
            }

            ValueSequence.CopyTo(copy);
            return KyamlScalarResolver.TryParseDouble(copy[.._valueLength], out value);
        }

        return KyamlScalarResolver.TryParseDouble(ValueSpan, out value);
    }

    /// <summary>Reads a number token as a double.</summary>
    /// <returns>The number.</returns>
    /// <exception cref="InvalidOperationException">The token is not a number.</exception>
    /// <exception cref="FormatException">The number cannot be read as a double.</exception>
    public readonly double GetDouble()
    {
        if (!TryGetDouble(out double value))
        {
            throw new FormatException("The number cannot be read as a double.");
        }

        return value;
    }

    /// <summary>Tries to read a number token as a decimal (decimal notation only).</summary>
    /// <param name="value">The number.</param>
    /// <returns>False when the text is not a decimal number in range.</returns>
    /// <exception cref="InvalidOperationException">The token is not a number.</exception>
    public readonly bool TryGetDecimal(out decimal value)
    {
        EnsureNumber();
        Span<byte> plain = stackalloc byte[64];
        int length = CopyWithoutUnderscores(plain);
        if (length > 0 && System.Buffers.Text.Utf8Parser.TryParse(plain[..length], out value, out int consumed, 'E')
            && consumed == length)
        {
            return true;
        }

        if (length > 0
            && KyamlScalarResolver.TryParseGoInteger(plain[..length], out long integer, out ulong unsignedInteger))
        {
            value = integer < 0 ? integer : unsignedInteger;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Copies the raw value (contiguous or not) without underscores; -1 if it does not fit.</summary>
    private readonly int CopyWithoutUnderscores(Span<byte> destination)
    {
        int length = 0;
        if (!HasValueSequence)
        {
            foreach (byte b in ValueSpan)
            {
                if (b != (byte)'_')
                {
                    if (length == destination.Length)
                    {
                        return -1;
                    }

                    destination[length++] = b;
                }
            }

            return length;
        }

        foreach (ReadOnlyMemory<byte> segment in ValueSequence)
        {
            foreach (byte b in segment.Span)
            {
                if (b != (byte)'_')
                {
                    if (length == destination.Length)
                    {
                        return -1;
                    }

                    destination[length++] = b;
                }
            }
        }

        return length;
    }

    private readonly void EnsureTokenIs(bool isString)
    {
        if (isString && _tokenType is not (KyamlTokenType.String or KyamlTokenType.PropertyName))
        {
            throw new InvalidOperationException($"Cannot get a string from a token of type {_tokenType}.");
        }
    }

    private readonly void EnsureNumber()
    {
        if (_tokenType != KyamlTokenType.Number)
        {
            throw new InvalidOperationException($"Cannot get a number from a token of type {_tokenType}.");
        }
    }

    private readonly string DecodeToString()
    {
        if (!_valueIsEscaped && !HasValueSequence)
        {
            return Encoding.UTF8.GetString(ValueSpan);
        }

        int size = _valueIsEscaped ? KyamlUnescaper.GetMaxDecodedLength(_valueLength) : _valueLength;
        byte[]? rented = null;
        Span<byte> scratch = size <= StackallocThreshold
            ? stackalloc byte[StackallocThreshold]
            : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            TryCopyDecoded(scratch, out int written);
            return Encoding.UTF8.GetString(scratch[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Decodes the value (string, key or comment) into the destination.</summary>
    internal readonly bool TryCopyDecoded(Span<byte> destination, out int written)
    {
        if (!HasValueSequence)
        {
            if (!_valueIsEscaped)
            {
                written = ValueSpan.Length;
                return ValueSpan.TryCopyTo(destination);
            }

            return KyamlUnescaper.TryDecode(ValueSpan, _scalarStyle, destination, out written);
        }

        if (!_valueIsEscaped)
        {
            written = _valueLength;
            if (destination.Length < _valueLength)
            {
                return false;
            }

            ValueSequence.CopyTo(destination);
            return true;
        }

        byte[] raw = ArrayPool<byte>.Shared.Rent(_valueLength);
        try
        {
            ValueSequence.CopyTo(raw);
            return KyamlUnescaper.TryDecode(raw.AsSpan(0, _valueLength), _scalarStyle, destination, out written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>Gets the length of the raw value, contiguous or not.</summary>
    internal readonly int ValueLength => _valueLength;
}
