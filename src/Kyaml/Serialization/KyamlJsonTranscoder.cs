using System.Buffers;
using System.Text.Json;

namespace Kyaml;

/// <summary>
/// Turns the tokens of <see cref="Utf8KyamlReader"/> into JSON, one token at a time, so that a caller can stop
/// and resume between reads (the JSON writer keeps the structure).
/// </summary>
internal static class KyamlJsonTranscoder
{
    private const int StackallocThreshold = 256;

    /// <summary>Writes the JSON for the reader's current token; documents and comments write nothing.</summary>
    public static void WriteToken(ref Utf8KyamlReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case KyamlTokenType.StartMapping:
                writer.WriteStartObject();
                break;
            case KyamlTokenType.EndMapping:
                writer.WriteEndObject();
                break;
            case KyamlTokenType.StartSequence:
                writer.WriteStartArray();
                break;
            case KyamlTokenType.EndSequence:
                writer.WriteEndArray();
                break;
            case KyamlTokenType.PropertyName:
            case KyamlTokenType.String:
                WriteText(ref reader, writer, reader.TokenType == KyamlTokenType.PropertyName);
                break;
            case KyamlTokenType.Number:
                WriteNumber(ref reader, writer);
                break;
            case KyamlTokenType.True:
                writer.WriteBooleanValue(true);
                break;
            case KyamlTokenType.False:
                writer.WriteBooleanValue(false);
                break;
            case KyamlTokenType.Null:
                writer.WriteNullValue();
                break;
            default:
                break;
        }
    }

    private static void WriteText(ref Utf8KyamlReader reader, Utf8JsonWriter writer, bool isName)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            Write(writer, reader.ValueSpan, isName);
            return;
        }

        int size = KyamlUnescaper.GetMaxDecodedLength(reader.ValueLength);
        byte[]? rented = null;
        Span<byte> scratch = size <= StackallocThreshold
            ? stackalloc byte[StackallocThreshold]
            : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            reader.TryCopyDecoded(scratch, out int written);
            Write(writer, scratch[..written], isName);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8, bool isName)
    {
        if (isName)
        {
            writer.WritePropertyName(utf8);
        }
        else
        {
            writer.WriteStringValue(utf8);
        }
    }

    private static void WriteNumber(ref Utf8KyamlReader reader, Utf8JsonWriter writer)
    {
        scoped ReadOnlySpan<byte> raw = reader.ValueSpan;
        Span<byte> copy = stackalloc byte[StackallocThreshold];
        if (reader.HasValueSequence)
        {
            if (reader.ValueLength > copy.Length)
            {
                reader.ThrowAtToken("Found a number too long to convert to JSON.");
            }

            reader.ValueSequence.CopyTo(copy);
            raw = copy[..reader.ValueLength];
        }

        if (IsJsonNumber(raw))
        {
            // Kept verbatim, so large integers and exact decimals survive. An indenting writer does not lay out raw
            // values, so there the value goes through a type that holds it exactly when one does.
            if (!writer.Options.Indented)
            {
                writer.WriteRawValue(raw, skipInputValidation: true);
            }
            else if (reader.TryGetInt64(out long exact))
            {
                writer.WriteNumberValue(exact);
            }
            else if (reader.TryGetDecimal(out decimal number))
            {
                writer.WriteNumberValue(number);
            }
            else
            {
                writer.WriteRawValue(raw, skipInputValidation: true);
            }

            return;
        }

        if (reader.TryGetInt64(out long integer))
        {
            writer.WriteNumberValue(integer);
            return;
        }

        Span<byte> plain = stackalloc byte[StackallocThreshold];
        int length = 0;
        foreach (byte b in raw)
        {
            if (b != (byte)'_' && length < plain.Length)
            {
                plain[length++] = b;
            }
        }

        if (KyamlScalarResolver.TryParseGoInteger(plain[..length], out _, out ulong unsignedInteger)
            && unsignedInteger > long.MaxValue)
        {
            writer.WriteNumberValue(unsignedInteger);
            return;
        }

        if (reader.TryGetDouble(out double value) && double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
            return;
        }

        reader.ThrowAtToken(
            $"Found the number '{System.Text.Encoding.UTF8.GetString(raw)}', which has no JSON form (JSON has no "
            + "infinity or NaN).");
    }

    /// <summary>Checks the JSON number grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    internal static bool IsJsonNumber(ReadOnlySpan<byte> text)
    {
        int i = 0;
        if (i < text.Length && text[i] == (byte)'-')
        {
            i++;
        }

        if (i >= text.Length)
        {
            return false;
        }

        if (text[i] == (byte)'0')
        {
            i++;
        }
        else if (text[i] is >= (byte)'1' and <= (byte)'9')
        {
            while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
            {
                i++;
            }
        }
        else
        {
            return false;
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            int start = i;
            while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            int start = i;
            while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        return i == text.Length;
    }
}
