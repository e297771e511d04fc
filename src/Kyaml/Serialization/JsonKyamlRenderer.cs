using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kyaml;

/// <summary>
/// Writes JSON as KYAML in the form <c>kubectl get -o kyaml</c> prints it: keys sorted by their UTF-8 bytes,
/// integers as written, other numbers in Go's <c>encoding/json</c> format, lists of collections cuddled.
/// </summary>
/// <remarks>
/// <para>
/// This is the converter's kubectl form specialised to JSON input (JSON strings are always strings, so none of the
/// YAML 1.1 resolution applies), without building a YAML tree first.
/// </para>
/// <para>
/// One pass of <see cref="Utf8JsonReader"/> records every token's place in a flat table (containers know where they
/// end; escaped text is unescaped into a side buffer); a second pass writes from the table, sorting each mapping's
/// entries by their key bytes. The tables are pooled per thread, so a warm render allocates nothing.
/// </para>
/// </remarks>
internal static class JsonKyamlRenderer
{
    private const int MaxDepth = 256;

    private static readonly KyamlWriterOptions s_writerOptions = new() { MaxDepth = MaxDepth };

    private static readonly JsonReaderOptions s_readerOptions = new() { MaxDepth = MaxDepth };

    [ThreadStatic]
    private static RenderState? t_state;

    public static void Render(ReadOnlyMemory<byte> utf8Json, IBufferWriter<byte> output)
    {
        RenderState state = Rent();
        try
        {
            state.Render(utf8Json.Span, output);
        }
        finally
        {
            Return(state);
        }
    }

    /// <summary>Serializes a value to JSON (into a pooled buffer) and renders it into <paramref name="output"/>.</summary>
    public static void Serialize<T>(T value, JsonTypeInfo<T> jsonTypeInfo, IBufferWriter<byte> output)
    {
        RenderState state = Rent();
        try
        {
            state.Render(state.SerializeJson(value, jsonTypeInfo), output);
        }
        finally
        {
            Return(state);
        }
    }

    /// <summary>Serializes a value to JSON and renders it, both in pooled buffers; returns a copy of the KYAML.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value, JsonTypeInfo<T> jsonTypeInfo)
    {
        RenderState state = Rent();
        try
        {
            ArrayBufferWriter<byte> output = state.Output;
            state.Render(state.SerializeJson(value, jsonTypeInfo), output);
            return output.WrittenSpan.ToArray();
        }
        finally
        {
            Return(state);
        }
    }

    // The state is taken from the thread for the duration of a call, so a nested call (from a JSON converter that
    // serializes KYAML itself) gets its own.
    private static RenderState Rent()
    {
        RenderState state = t_state ?? new RenderState();
        t_state = null;
        return state;
    }

    private static void Return(RenderState state)
    {
        state.Clear();
        t_state = state;
    }

    /// <summary>kubectl re-reads its JSON as YAML, which rejects DEL and U+FFFE/U+FFFF; so does this form.</summary>
    private static void CheckText(ReadOnlySpan<byte> utf8)
    {
        int i = utf8.IndexOfAny((byte)0x7f, (byte)0xef);
        while (i >= 0)
        {
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            if (utf8[i] == 0x7f || (i + 2 < utf8.Length && utf8[i + 1] == 0xbf && utf8[i + 2] >= 0xbe))
            {
                throw new KyamlException(
                    "A string holds DEL, U+FFFE or U+FFFF, which the YAML parser behind kubectl's KYAML output rejects.");
            }

            int next = utf8[(i + 1)..].IndexOfAny((byte)0x7f, (byte)0xef);
            i = next < 0 ? -1 : i + 1 + next;
        }
    }

    private static void WriteNumber(ReadOnlySpan<byte> raw, Utf8KyamlWriter writer)
    {
        Span<byte> text = stackalloc byte[64];
        if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            bool negative = raw[0] == '-';
            if ((raw.Length <= 18 || (negative && raw.Length <= 19)) && !(negative && raw[1] == '0'))
            {
                // At most 18 digits: always an int64, already in Go's form (JSON has no leading zeros or '+'; only
                // "-0", which Go prints as 0, is left to the general path).
                writer.WriteNumberValue(raw);
                return;
            }

            if (Int128.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out Int128 integer)
                && integer >= long.MinValue && integer <= ulong.MaxValue)
            {
                // Go reads an integer that fits int64 (or uint64) as an integer; larger ones become float64.
                integer.TryFormat(text, out int length, default, CultureInfo.InvariantCulture);
                writer.WriteNumberValue(text[..length]);
                return;
            }
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

    private struct Token
    {
        public JsonTokenType Kind;

        // Text in the side buffer (unescaped) rather than in the JSON.
        public bool InSide;

        public int Start;
        public int Length;

        // For containers: the index of the token after the closing one.
        public int End;
    }

    private struct Entry
    {
        public int KeyStart;
        public int KeyLength;
        public int Ordinal;
        public int Value;
    }

    /// <summary>Orders entries by key bytes (UTF-8 order is code point order), then by position.</summary>
    private readonly struct EntryComparer(byte[] keys) : IComparer<Entry>
    {
        public int Compare(Entry x, Entry y)
        {
            int c = keys.AsSpan(x.KeyStart, x.KeyLength).SequenceCompareTo(keys.AsSpan(y.KeyStart, y.KeyLength));
            return c != 0 ? c : x.Ordinal.CompareTo(y.Ordinal);
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Design",
        "CA1001",
        Justification = "The pooled writer is flushed on every render and holds no unmanaged resource.")]
    private sealed class RenderState
    {
        private const int MaxRetainedTokens = 1 << 16;

        private const int MaxRetainedBytes = 1 << 20;

        private Token[] _tokens = new Token[64];
        private int _tokenCount;

        // Keys (always) and escaped string values, unescaped.
        private byte[] _side = new byte[256];
        private int _sideLength;

        private Entry[] _entries = new Entry[32];
        private int _entryCount;

        private int[] _open = new int[16];

        private Utf8KyamlWriter? _writer;

        private ArrayBufferWriter<byte> _json = new(1024);
        private Utf8JsonWriter? _jsonWriter;
        private JsonSerializerOptions? _jsonOptions;
        private ArrayBufferWriter<byte> _output = new(1024);

        public ArrayBufferWriter<byte> Output => _output;

        public ReadOnlySpan<byte> SerializeJson<T>(T value, JsonTypeInfo<T> jsonTypeInfo)
        {
            JsonSerializerOptions options = jsonTypeInfo.Options;
            if (_jsonWriter is null || !ReferenceEquals(options, _jsonOptions))
            {
                // The JSON writer settings JsonSerializer.SerializeToUtf8Bytes would use with these options.
                _jsonWriter?.Dispose();
                _jsonWriter = new Utf8JsonWriter(_json, new JsonWriterOptions
                {
                    Encoder = options.Encoder,
                    Indented = options.WriteIndented,
                    MaxDepth = options.MaxDepth,
                    SkipValidation = true,
                });
                _jsonOptions = options;
            }
            else
            {
                _jsonWriter.Reset(_json);
            }

            JsonSerializer.Serialize(_jsonWriter, value, jsonTypeInfo);
            _jsonWriter.Flush();
            return _json.WrittenSpan;
        }

        public void Render(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
        {
            Tokenize(json);
            Utf8KyamlWriter writer = GetWriter(output);
            writer.WriteStartDocument();
            Write(json, 0, writer);
            writer.WriteEndDocument();
            writer.Flush();
        }

        private Utf8KyamlWriter GetWriter(IBufferWriter<byte> output)
        {
            if (_writer is null)
            {
                _writer = new Utf8KyamlWriter(output, s_writerOptions);
            }
            else
            {
                _writer.Reset(output);
            }

            return _writer;
        }

        public void Clear()
        {
            _tokenCount = 0;
            _sideLength = 0;
            _entryCount = 0;
            _writer?.Reset(IdleSink.Instance);
            _jsonWriter?.Reset(IdleSink.Instance);
            _json.ResetWrittenCount();
            _output.ResetWrittenCount();
            if (_tokens.Length > MaxRetainedTokens || _json.Capacity > MaxRetainedBytes || _output.Capacity > MaxRetainedBytes)
            {
                _json = new ArrayBufferWriter<byte>(1024);
                _output = new ArrayBufferWriter<byte>(1024);
                _jsonWriter = null;
                _jsonOptions = null;
                _tokens = new Token[64];
                _side = new byte[256];
                _entries = new Entry[32];
            }
        }

        private void Tokenize(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json, s_readerOptions);
            int depth = 0;
            while (reader.Read())
            {
                JsonTokenType kind = reader.TokenType;
                if (kind is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    _tokens[_open[--depth]].End = _tokenCount;
                    continue;
                }

                if (_tokenCount == _tokens.Length)
                {
                    Array.Resize(ref _tokens, _tokens.Length * 2);
                }

                ref Token token = ref _tokens[_tokenCount];
                token = new Token { Kind = kind };
                switch (kind)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (depth == _open.Length)
                        {
                            Array.Resize(ref _open, _open.Length * 2);
                        }

                        _open[depth++] = _tokenCount;
                        break;
                    case JsonTokenType.PropertyName:
                        token.InSide = true;
                        token.Start = _sideLength;
                        token.Length = CopyToSide(ref reader);
                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        token.InSide = true;
                        token.Start = _sideLength;
                        token.Length = CopyToSide(ref reader);
                        break;
                    case JsonTokenType.String or JsonTokenType.Number:
                        // The reader is over one contiguous span, so the value's bytes sit in the JSON itself.
                        token.Start = checked((int)reader.TokenStartIndex) + (kind == JsonTokenType.String ? 1 : 0);
                        token.Length = reader.ValueSpan.Length;
                        break;
                }

                _tokenCount++;
            }
        }

        private int CopyToSide(ref Utf8JsonReader reader)
        {
            // Unescaped text is never longer than its escaped form.
            int room = reader.ValueSpan.Length;
            if (_side.Length - _sideLength < room)
            {
                Array.Resize(ref _side, Math.Max(_side.Length * 2, _sideLength + room));
            }

            int length = reader.ValueIsEscaped ? reader.CopyString(_side.AsSpan(_sideLength)) : Copy(reader.ValueSpan);
            _sideLength += length;
            return length;
        }

        private int Copy(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_side.AsSpan(_sideLength));
            return value.Length;
        }

        // Writes the value at token index i.
        private void Write(ReadOnlySpan<byte> json, int i, Utf8KyamlWriter writer)
        {
            ref Token token = ref _tokens[i];
            switch (token.Kind)
            {
                case JsonTokenType.StartObject:
                    WriteObject(json, i, writer);
                    break;
                case JsonTokenType.StartArray:
                    WriteArray(json, i, writer);
                    break;
                case JsonTokenType.String:
                    // Checked when written, like keys (see WriteObject).
                    ReadOnlySpan<byte> text = Text(json, in token);
                    CheckText(text);
                    writer.WriteStringValue(text);
                    break;
                case JsonTokenType.Number:
                    WriteNumber(json.Slice(token.Start, token.Length), writer);
                    break;
                case JsonTokenType.True:
                    writer.WriteBooleanValue(true);
                    break;
                case JsonTokenType.False:
                    writer.WriteBooleanValue(false);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }

        private static void Sort(Span<Entry> entries, EntryComparer comparer)
        {
            if (entries.Length > 16)
            {
                entries.Sort(comparer);
                return;
            }

            // Objects are small and JSON from a contract is often nearly sorted: an insertion sort allocates nothing.
            for (int i = 1; i < entries.Length; i++)
            {
                Entry current = entries[i];
                int j = i - 1;
                while (j >= 0 && comparer.Compare(entries[j], current) > 0)
                {
                    entries[j + 1] = entries[j];
                    j--;
                }

                entries[j + 1] = current;
            }
        }

        private ReadOnlySpan<byte> Text(ReadOnlySpan<byte> json, in Token token)
        {
            return token.InSide ? _side.AsSpan(token.Start, token.Length) : json.Slice(token.Start, token.Length);
        }

        private int Next(int i)
        {
            Token token = _tokens[i];
            return token.Kind is JsonTokenType.StartObject or JsonTokenType.StartArray ? token.End : i + 1;
        }

        private void WriteObject(ReadOnlySpan<byte> json, int i, Utf8KyamlWriter writer)
        {
            // Go decodes a JSON object into a map (the last duplicate wins) and writes it with sorted keys.
            int first = _entryCount;
            int end = _tokens[i].End;
            int ordinal = 0;
            for (int k = i + 1; k < end; k = Next(k + 1))
            {
                if (_entryCount == _entries.Length)
                {
                    Array.Resize(ref _entries, _entries.Length * 2);
                }

                // Checked here, not while reading: an object a later duplicate key replaces is never seen by
                // kubectl's parser, so nothing inside it is checked.
                Token key = _tokens[k];
                CheckText(_side.AsSpan(key.Start, key.Length));
                _entries[_entryCount++] = new Entry
                {
                    KeyStart = key.Start,
                    KeyLength = key.Length,
                    Ordinal = ordinal++,
                    Value = k + 1,
                };
            }

            int count = _entryCount - first;
            Sort(_entries.AsSpan(first, count), new EntryComparer(_side));
            writer.WriteStartMapping();
            for (int e = first; e < first + count; e++)
            {
                Entry entry = _entries[e];
                ReadOnlySpan<byte> name = _side.AsSpan(entry.KeyStart, entry.KeyLength);
                if (e + 1 < first + count
                    && name.SequenceEqual(_side.AsSpan(_entries[e + 1].KeyStart, _entries[e + 1].KeyLength)))
                {
                    // A later duplicate of this key follows in the sorted order and replaces it.
                    continue;
                }

                writer.WritePropertyName(name);
                Write(json, entry.Value, writer);
            }

            writer.WriteEndMapping();
            _entryCount = first;
        }

        private void WriteArray(ReadOnlySpan<byte> json, int i, Utf8KyamlWriter writer)
        {
            int end = _tokens[i].End;
            bool cuddle = i + 1 < end;
            for (int k = i + 1; k < end; k = Next(k))
            {
                if (_tokens[k].Kind is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    cuddle = false;
                    break;
                }
            }

            writer.WriteStartSequence(cuddle ? KyamlSequenceLayout.Cuddled : KyamlSequenceLayout.Block);
            for (int k = i + 1; k < end; k = Next(k))
            {
                Write(json, k, writer);
            }

            writer.WriteEndSequence();
        }
    }

    /// <summary>An output that holds nothing, so a pooled writer keeps no caller's buffer alive.</summary>
    private sealed class IdleSink : IBufferWriter<byte>
    {
        public static readonly IdleSink Instance = new();

        public void Advance(int count)
        {
            if (count != 0)
            {
                throw new InvalidOperationException("The idle sink takes no output.");
            }
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException("The idle sink takes no output.");

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException("The idle sink takes no output.");
    }
}
