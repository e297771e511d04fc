using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Kyaml;

/// <summary>
/// Writes JSON as KYAML in the form <c>kubectl get -o kyaml</c> prints it: keys sorted by their UTF-8 bytes,
/// integers as written, other numbers in Go's <c>encoding/json</c> format, lists of collections cuddled.
/// </summary>
/// <remarks>
/// This is the converter's kubectl form specialised to JSON input (JSON strings are always strings, so none of the
/// YAML 1.1 resolution applies), without building a YAML tree first.
/// </remarks>
internal static class JsonKyamlRenderer
{
    private static readonly KyamlWriterOptions s_writerOptions = new() { MaxDepth = 256 };

    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 256 };

    public static void Render(ReadOnlyMemory<byte> utf8Json, IBufferWriter<byte> output)
    {
        using JsonDocument document = JsonDocument.Parse(utf8Json, s_documentOptions);
        using var writer = new Utf8KyamlWriter(output, s_writerOptions);
        writer.WriteStartDocument();
        Write(document.RootElement, writer);
        writer.WriteEndDocument();
    }

    private static void Write(JsonElement element, Utf8KyamlWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, writer);
                break;
            case JsonValueKind.Array:
                WriteArray(element, writer);
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(CheckText(element.GetString()!));
                break;
            case JsonValueKind.Number:
                WriteNumber(JsonMarshal.GetRawUtf8Value(element), writer);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteObject(JsonElement element, Utf8KyamlWriter writer)
    {
        // Go decodes a JSON object into a map (the last duplicate wins) and writes it with sorted keys.
        var entries = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            entries[CheckText(property.Name)] = property.Value;
        }

        KeyValuePair<string, JsonElement>[] sorted = [.. entries];
        Array.Sort(sorted, static (a, b) => CompareCodePoints(a.Key, b.Key));
        writer.WriteStartMapping();
        foreach (KeyValuePair<string, JsonElement> entry in sorted)
        {
            writer.WritePropertyName(entry.Key);
            Write(entry.Value, writer);
        }

        writer.WriteEndMapping();
    }

    private static void WriteArray(JsonElement element, Utf8KyamlWriter writer)
    {
        bool cuddle = element.GetArrayLength() > 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            if (item.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                cuddle = false;
                break;
            }
        }

        writer.WriteStartSequence(cuddle ? KyamlSequenceLayout.Cuddled : KyamlSequenceLayout.Block);
        foreach (JsonElement item in element.EnumerateArray())
        {
            Write(item, writer);
        }

        writer.WriteEndSequence();
    }

    private static void WriteNumber(ReadOnlySpan<byte> raw, Utf8KyamlWriter writer)
    {
        Span<byte> text = stackalloc byte[64];
        if (raw.IndexOfAny("."u8) < 0 && raw.IndexOfAny("eE"u8) < 0
            && Int128.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out Int128 integer)
            && integer >= long.MinValue && integer <= ulong.MaxValue)
        {
            // Go reads an integer that fits int64 (or uint64) as an integer; larger ones become float64.
            integer.TryFormat(text, out int length, default, CultureInfo.InvariantCulture);
            writer.WriteNumberValue(text[..length]);
            return;
        }

        double value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new KyamlException("The JSON number is out of the range of a 64-bit float, which kubectl cannot print.")
            {
                Kind = KyamlErrorKind.InvalidInput,
            };
        }

        writer.WriteNumberValue(text[..GoFloatFormatter.Format(value, text)]);
    }

    /// <summary>kubectl re-reads its JSON as YAML, which rejects DEL and U+FFFE/U+FFFF; so does this form.</summary>
    private static string CheckText(string text)
    {
        if (text.AsSpan().IndexOfAny('\u007f', '\ufffe', '\uffff') >= 0)
        {
            throw new KyamlException(
                "A string holds DEL, U+FFFE or U+FFFF, which the YAML parser behind kubectl's KYAML output rejects.");
        }

        return text;
    }

    /// <summary>Orders strings as their UTF-8 bytes (code points) order, not as UTF-16 code units do.</summary>
    private static int CompareCodePoints(string a, string b)
    {
        int length = Math.Min(a.Length, b.Length);
        for (int i = 0; i < length; i++)
        {
            char x = a[i];
            char y = b[i];
            if (x == y)
            {
                continue;
            }

            bool xs = char.IsSurrogate(x);
            bool ys = char.IsSurrogate(y);
            if (xs != ys)
            {
                return xs ? 1 : -1;
            }

            return x.CompareTo(y);
        }

        return a.Length.CompareTo(b.Length);
    }
}
