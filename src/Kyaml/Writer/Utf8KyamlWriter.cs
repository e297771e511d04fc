using System.Buffers;
using System.Diagnostics;
using Kyaml.Internal;

namespace Kyaml;

/// <summary>
/// A forward-only writer of UTF-8 KYAML text, the Kubernetes dialect of YAML (KEP-5295), laid out byte for byte as
/// the reference encoder (kubernetes-sigs/yaml, package kyaml) lays it out.
/// </summary>
/// <remarks>
/// <para>
/// Mappings are written as <c>{</c>, one <c>key: value,</c> entry per line indented by two spaces, and <c>}</c>;
/// sequences as <c>[</c>, one <c>item,</c> per line, <c>]</c>, or in the cuddled form <c>[{ … }, { … }]</c> for
/// lists of collections. Every string value is double-quoted; keys are quoted only when they would otherwise read
/// as another type or contain characters outside letters, digits and <c>_</c> (<c>-</c>, <c>.</c>, <c>/</c> inside).
/// </para>
/// <para>
/// A document started with <see cref="WriteStartDocument"/> begins with <c>---</c> and ends with a line break; a
/// single root value written without it has neither (like the reference encoder's <c>Marshal</c>). Output is
/// buffered: call <see cref="Flush"/> (or dispose) to hand it to the output. After warm-up, writing a document
/// allocates nothing.
/// </para>
/// </remarks>
public sealed partial class Utf8KyamlWriter : IDisposable, IAsyncDisposable
{
    private const int DefaultBufferSize = 4096;

    private IBufferWriter<byte>? _output;
    private Stream? _stream;
    private ArrayBufferWriter<byte>? _streamBuffer;
    private Memory<byte> _memory;
    private byte[]? _array;
    private int _arrayOffset;
    private int _buffered;
    private long _committed;

    private KyamlWriterOptions _options;
    private Frame[] _frames = new Frame[8];
    private int _depth;

    private DocumentState _document;
    private bool _rootWritten;
    private bool _lineOpen;
    private bool _expectValue;
    private int _pendingLevelBoost;

    /// <summary>Initializes a writer over a buffer writer.</summary>
    /// <param name="output">Where the UTF-8 KYAML goes.</param>
    /// <param name="options">Layout and validation options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is <see langword="null"/>.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Mirrors Utf8JsonWriter.")]
    public Utf8KyamlWriter(IBufferWriter<byte> output, KyamlWriterOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _options = options;
    }

    /// <summary>Initializes a writer over a stream; output reaches the stream on <see cref="Flush"/>.</summary>
    /// <param name="output">A writable stream.</param>
    /// <param name="options">Layout and validation options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> cannot be written.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Mirrors Utf8JsonWriter.")]
    public Utf8KyamlWriter(Stream output, KyamlWriterOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The stream must be writable.", nameof(output));
        }

        _stream = output;
        _streamBuffer = new ArrayBufferWriter<byte>(DefaultBufferSize);
        _output = _streamBuffer;
        _options = options;
    }

    private enum DocumentState : byte
    {
        None,
        Open,
    }

    private enum FrameKind : byte
    {
        Mapping,
        Sequence,
    }

    /// <summary>Gets the options this writer was created with.</summary>
    public KyamlWriterOptions Options => _options;

    /// <summary>Gets the number of bytes handed to the output so far.</summary>
    public long BytesCommitted => _committed;

    /// <summary>Gets the number of bytes written but not yet handed to the output.</summary>
    public int BytesPending => _buffered;

    /// <summary>Gets the number of open mappings and sequences.</summary>
    public int CurrentDepth => _depth;

    /// <summary>Writes the document marker <c>---</c> that starts a document.</summary>
    /// <exception cref="KyamlException">A document or a root value is still open.</exception>
    public void WriteStartDocument()
    {
        if (!_options.SkipValidation && (_document == DocumentState.Open || _depth != 0))
        {
            ThrowHelper.ThrowInvalidWriterState("Cannot start a document while another one is open.");
        }

        if (_lineOpen)
        {
            WriteNewLine();
        }

        WriteAscii("---"u8);
        WriteNewLine();
        _lineOpen = false;
        _document = DocumentState.Open;
        _rootWritten = false;
    }

    /// <summary>Ends the current document with a line break.</summary>
    /// <exception cref="KyamlException">No document is open or a container is still open.</exception>
    public void WriteEndDocument()
    {
        if (!_options.SkipValidation && (_document != DocumentState.Open || _depth != 0))
        {
            ThrowHelper.ThrowInvalidWriterState(
                _depth != 0 ? "Cannot end a document while a mapping or sequence is open." : "No document is open.");
        }

        WriteNewLine();
        _lineOpen = false;
        _document = DocumentState.None;
        _rootWritten = false;
    }

    /// <summary>Writes the start of a mapping (<c>{</c>).</summary>
    /// <exception cref="KyamlException">A value is not allowed here, or the maximum depth is exceeded.</exception>
    public void WriteStartMapping()
    {
        int level;
        if (_expectValue && _pendingLevelBoost == 0)
        {
            // A mapping value: its lines are one level deeper than the key's mapping.
            _expectValue = false;
            level = _frames[_depth - 1].Level + 1;
        }
        else
        {
            level = BeginValue(isContainer: true);
        }

        Push(FrameKind.Mapping, level, KyamlSequenceLayout.Block);
        WriteByte((byte)'{');
    }

    /// <summary>Writes the end of the current mapping (<c>}</c>).</summary>
    /// <exception cref="KyamlException">The innermost open container is not a mapping, or a key has no value.</exception>
    public void WriteEndMapping()
    {
        EndContainer(FrameKind.Mapping, (byte)'}');
    }

    /// <summary>Writes the start of a sequence (<c>[</c>); the layout is chosen from the first item.</summary>
    /// <exception cref="KyamlException">A value is not allowed here, or the maximum depth is exceeded.</exception>
    public void WriteStartSequence()
    {
        WriteStartSequence(KyamlSequenceLayout.Auto);
    }

    /// <summary>Writes the start of a sequence (<c>[</c>) with the given layout.</summary>
    /// <param name="layout">How to lay out the items.</param>
    /// <exception cref="KyamlException">A value is not allowed here, or the maximum depth is exceeded.</exception>
    public void WriteStartSequence(KyamlSequenceLayout layout)
    {
        int level;
        if (_expectValue && _pendingLevelBoost == 0)
        {
            _expectValue = false;
            level = _frames[_depth - 1].Level + 1;
        }
        else
        {
            level = BeginValue(isContainer: true);
        }

        Push(FrameKind.Sequence, level, layout);
        WriteByte((byte)'[');
    }

    /// <summary>Writes the end of the current sequence (<c>]</c>).</summary>
    /// <exception cref="KyamlException">The innermost open container is not a sequence.</exception>
    public void WriteEndSequence()
    {
        EndContainer(FrameKind.Sequence, (byte)']');
    }

    /// <summary>Writes a mapping key, quoted only when it has to be.</summary>
    /// <param name="utf8Name">The key as UTF-8 text.</param>
    /// <exception cref="KyamlException">The writer is not inside a mapping, or the previous key has no value.</exception>
    public void WritePropertyName(ReadOnlySpan<byte> utf8Name)
    {
        bool bare = !ScalarRules.KeyNeedsQuotes(utf8Name);
        if (bare && !_options.Compact && _depth > 0 && !_expectValue && _frames[_depth - 1].Kind == FrameKind.Mapping)
        {
            // Common case in one step: line break, indentation, the key and ": ".
            ref Frame current = ref _frames[_depth - 1];
            int indent = (current.Level + 1) * 2;
            int total = 1 + indent + utf8Name.Length + 2;
            Span<byte> span = GetSpan(total);
            span[0] = (byte)'\n';
            span.Slice(1, indent).Fill((byte)' ');
            utf8Name.CopyTo(span[(1 + indent)..]);
            span[total - 2] = (byte)':';
            span[total - 1] = (byte)' ';
            _buffered += total;
            _lineOpen = false;
            current.HasLines = true;
            current.Count++;
            _expectValue = true;
            return;
        }

        ref Frame frame = ref BeginKey();
        if (bare)
        {
            WriteBytes(utf8Name);
        }
        else
        {
            WriteQuoted(utf8Name, frame.Level + 1, foldLines: false, literalTab: false);
        }

        WriteAscii(": "u8);
        _expectValue = true;
    }

    /// <summary>Writes a mapping key, quoted only when it has to be.</summary>
    /// <param name="name">The key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">The writer is not inside a mapping, or the previous key has no value.</exception>
    public void WritePropertyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        WithUtf8(name, static (writer, utf8) => writer.WritePropertyName(utf8));
    }

    /// <summary>Writes a string value in double quotes.</summary>
    /// <param name="utf8Value">The string as UTF-8 text.</param>
    /// <exception cref="KyamlException">A value is not allowed here.</exception>
    public void WriteStringValue(ReadOnlySpan<byte> utf8Value)
    {
        if (_expectValue && _pendingLevelBoost == 0 && !_options.Compact
            && utf8Value.IndexOfAnyExcept(s_plainAscii) < 0)
        {
            // A mapping value with nothing to escape: quotes, text and comma in one step.
            _expectValue = false;
            int length = utf8Value.Length + 3;
            Span<byte> target = GetSpan(length);
            target[0] = (byte)'"';
            utf8Value.CopyTo(target[1..]);
            target[length - 2] = (byte)'"';
            target[length - 1] = (byte)',';
            _buffered += length;
            _lineOpen = true;
            return;
        }

        int level = BeginValue(isContainer: false);
        if (utf8Value.IndexOfAnyExcept(s_plainAscii) < 0)
        {
            // Nothing to escape: the quotes, the text and the entry's comma in one step.
            bool comma = NeedsComma();
            int total = utf8Value.Length + (comma ? 3 : 2);
            Span<byte> span = GetSpan(total);
            span[0] = (byte)'"';
            utf8Value.CopyTo(span[1..]);
            span[utf8Value.Length + 1] = (byte)'"';
            if (comma)
            {
                span[utf8Value.Length + 2] = (byte)',';
            }

            _buffered += total;
            _lineOpen = comma || _depth == 0;
            return;
        }

        WriteQuoted(utf8Value, level + 1, foldLines: !_options.Compact);
        EndValue();
    }

    /// <summary>Writes a string value in double quotes.</summary>
    /// <param name="value">The string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">A value is not allowed here.</exception>
    public void WriteStringValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WithUtf8(value, static (writer, utf8) => writer.WriteStringValue(utf8));
    }

    /// <summary>Writes a number exactly as given (for example <c>0x1F</c>, <c>1_000</c>, <c>1e3</c>, <c>.inf</c>).</summary>
    /// <param name="utf8Number">The number's text.</param>
    /// <exception cref="KyamlException">
    /// A value is not allowed here, or (unless validation is skipped) the text does not read as an integer or a
    /// float in YAML.
    /// </exception>
    public void WriteNumberValue(ReadOnlySpan<byte> utf8Number)
    {
        if (!_options.SkipValidation)
        {
            PlainScalarKind kind = ScalarRules.ResolvePlain(utf8Number);
            if (kind is not (PlainScalarKind.Int or PlainScalarKind.Float))
            {
                ThrowHelper.ThrowInvalidWriterState("The text is not a YAML number; write it as a string.");
            }
        }

        WriteVerbatimScalar(utf8Number);
    }

    /// <summary>Writes an integer.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="KyamlException">A value is not allowed here.</exception>
    public void WriteNumberValue(long value)
    {
        Span<byte> text = stackalloc byte[20];
        bool ok = value.TryFormat(text, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        Debug.Assert(ok, "20 bytes hold any long");
        WriteVerbatimScalar(text[..written]);
    }

    /// <summary>
    /// Writes a floating-point number in the shortest form that reads back to the same value, formatted as Go's
    /// <c>encoding/json</c> formats it (so <c>1e+21</c>, <c>1e-7</c>, <c>0.5</c>); infinities and NaN are written as
    /// <c>.inf</c>, <c>-.inf</c> and <c>.nan</c>.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <exception cref="KyamlException">A value is not allowed here.</exception>
    public void WriteNumberValue(double value)
    {
        Span<byte> text = stackalloc byte[40];
        int written = GoFloatFormatter.Format(value, text);
        WriteVerbatimScalar(text[..written]);
    }

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="KyamlException">A value is not allowed here.</exception>
    public void WriteBooleanValue(bool value)
    {
        WriteVerbatimScalar(value ? "true"u8 : "false"u8);
    }

    /// <summary>Writes <c>null</c>.</summary>
    /// <exception cref="KyamlException">A value is not allowed here.</exception>
    public void WriteNullValue()
    {
        WriteVerbatimScalar("null"u8);
    }

    /// <summary>Writes scalar text unquoted and unchanged; the caller has checked that it reads as intended.</summary>
    internal void WriteVerbatimScalar(ReadOnlySpan<byte> text)
    {
        if (_expectValue && _pendingLevelBoost == 0 && !_options.Compact && text.Length < DefaultBufferSize)
        {
            // A mapping value: the text and the comma in one step.
            _expectValue = false;
            Span<byte> target = GetSpan(text.Length + 1);
            text.CopyTo(target);
            target[text.Length] = (byte)',';
            _buffered += text.Length + 1;
            _lineOpen = true;
            return;
        }

        BeginValue(isContainer: false);
        if (text.Length <= DefaultBufferSize)
        {
            bool comma = NeedsComma();
            int total = text.Length + (comma ? 1 : 0);
            Span<byte> span = GetSpan(total);
            text.CopyTo(span);
            if (comma)
            {
                span[text.Length] = (byte)',';
            }

            _buffered += total;
            _lineOpen = comma || _depth == 0;
            return;
        }

        WriteBytes(text);
        EndValue();
    }

    // Whether a value just written in the current container is followed by a comma on its line.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool NeedsComma()
    {
        if (_depth == 0 || _options.Compact)
        {
            return false;
        }

        ref Frame frame = ref _frames[_depth - 1];
        return frame.Kind == FrameKind.Mapping || frame.HasLines;
    }

    /// <summary>
    /// Makes the next value's inner lines one level deeper than its position (the reference encoder's layout of
    /// an expanded alias).
    /// </summary>
    internal void BoostNextValueLevel()
    {
        _pendingLevelBoost++;
    }

    /// <summary>Hands buffered output to the buffer writer, or writes it to the stream and flushes the stream.</summary>
    public void Flush()
    {
        CommitBuffered();
        if (_stream is not null && _streamBuffer is not null)
        {
            _stream.Write(_streamBuffer.WrittenSpan);
            _streamBuffer.ResetWrittenCount();
            _stream.Flush();
        }
    }

    /// <summary>Like <see cref="Flush"/>, writing to the stream asynchronously.</summary>
    /// <param name="ct">Cancels the stream write.</param>
    /// <returns>A task that completes when the output has been handed over.</returns>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        CommitBuffered();
        if (_stream is not null && _streamBuffer is not null)
        {
            await _stream.WriteAsync(_streamBuffer.WrittenMemory, ct).ConfigureAwait(false);
            _streamBuffer.ResetWrittenCount();
            await _stream.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Drops unflushed output and all state, keeping the same output and options.</summary>
    public void Reset()
    {
        ResetState();
        _streamBuffer?.ResetWrittenCount();
    }

    /// <summary>Drops unflushed output and all state and continues with a new buffer writer.</summary>
    /// <param name="output">Where the next output goes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is <see langword="null"/>.</exception>
    public void Reset(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ResetState();
        _stream = null;
        _streamBuffer = null;
        _output = output;
    }

    /// <summary>Drops unflushed output and all state and continues with a new stream.</summary>
    /// <param name="output">Where the next output goes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is <see langword="null"/>.</exception>
    public void Reset(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ResetState();
        _stream = output;
        _streamBuffer ??= new ArrayBufferWriter<byte>(DefaultBufferSize);
        _streamBuffer.ResetWrittenCount();
        _output = _streamBuffer;
    }

    /// <summary>Flushes buffered output.</summary>
    public void Dispose()
    {
        if (_output is null)
        {
            return;
        }

        Flush();
        _output = null;
        _stream = null;
    }

    /// <summary>Flushes buffered output asynchronously.</summary>
    /// <returns>A task that completes when the output has been flushed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_output is null)
        {
            return;
        }

        await FlushAsync().ConfigureAwait(false);
        _output = null;
        _stream = null;
    }

    private void ResetState()
    {
        _memory = default;
        _array = null;
        _buffered = 0;
        _committed = 0;
        _depth = 0;
        _document = DocumentState.None;
        _rootWritten = false;
        _lineOpen = false;
        _expectValue = false;
        _pendingLevelBoost = 0;
    }

    private void Push(FrameKind kind, int level, KyamlSequenceLayout layout)
    {
        if (_depth >= _options.MaxDepth)
        {
            ThrowHelper.ThrowDepthExceeded(_options.MaxDepth);
        }

        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_depth++] = new Frame { Kind = kind, Level = level, Layout = layout };
        _lineOpen = true;
    }

    private void EndContainer(FrameKind kind, byte closing)
    {
        if (_depth == 0 || _frames[_depth - 1].Kind != kind || _expectValue)
        {
            if (!_options.SkipValidation)
            {
                ThrowHelper.ThrowInvalidWriterState(_expectValue
                    ? "The last key has no value."
                    : $"There is no open {(kind == FrameKind.Mapping ? "mapping" : "sequence")} to end.");
            }

            if (_depth == 0)
            {
                WriteByte(closing);
                return;
            }
        }

        Frame frame = _frames[--_depth];
        if (frame.HasLines && !_options.Compact)
        {
            WriteNewLineAndIndent(frame.Level);
        }

        bool comma = NeedsComma();
        Span<byte> span = GetSpan(2);
        span[0] = closing;
        span[1] = (byte)',';
        _buffered += comma ? 2 : 1;
        _lineOpen = comma || _depth == 0;
    }

    private ref Frame BeginKey()
    {
        if (_depth == 0 || _frames[_depth - 1].Kind != FrameKind.Mapping || _expectValue)
        {
            if (!_options.SkipValidation || _depth == 0)
            {
                ThrowHelper.ThrowInvalidWriterState(_expectValue
                    ? "A value must follow a key before the next key."
                    : "A key can only be written inside a mapping.");
            }
        }

        ref Frame frame = ref _frames[_depth - 1];
        if (_options.Compact)
        {
            if (frame.Count > 0)
            {
                WriteAscii(", "u8);
            }
        }
        else
        {
            WriteNewLineAndIndent(frame.Level + 1);
            frame.HasLines = true;
        }

        frame.Count++;
        return ref frame;
    }

    // Prepares for a value and returns the level its inner lines are relative to.
    private int BeginValue(bool isContainer)
    {
        int boost = _pendingLevelBoost;
        _pendingLevelBoost = 0;
        if (_depth == 0)
        {
            if (_rootWritten && !_options.SkipValidation)
            {
                ThrowHelper.ThrowInvalidWriterState(
                    "A document has one root value; call WriteStartDocument to start another document.");
            }

            _rootWritten = true;
            if (_lineOpen)
            {
                WriteNewLine();
                _lineOpen = false;
            }

            return boost;
        }

        ref Frame frame = ref _frames[_depth - 1];
        if (frame.Kind == FrameKind.Mapping)
        {
            if (!_expectValue && !_options.SkipValidation)
            {
                ThrowHelper.ThrowInvalidWriterState("A value inside a mapping needs a key first.");
            }

            _expectValue = false;
            return frame.Level + 1 + boost;
        }

        if (frame.Count == 0 && frame.Layout == KyamlSequenceLayout.Auto)
        {
            frame.Layout = isContainer && !frame.HasLines ? KyamlSequenceLayout.Cuddled : KyamlSequenceLayout.Block;
        }

        if (_options.Compact)
        {
            if (frame.Count > 0)
            {
                WriteAscii(", "u8);
            }

            frame.Count++;
            return frame.Level + boost;
        }

        if (frame.Layout == KyamlSequenceLayout.Cuddled && !frame.HasLines)
        {
            if (frame.Count > 0)
            {
                WriteAscii(", "u8);
            }

            frame.Count++;
            _lineOpen = false;
            return frame.Level + boost;
        }

        WriteNewLineAndIndent(frame.Level + 1);
        frame.HasLines = true;
        frame.Count++;
        return frame.Level + 1 + boost;
    }

    private void EndValue()
    {
        if (_depth == 0)
        {
            _lineOpen = true;
            return;
        }

        ref Frame frame = ref _frames[_depth - 1];
        if (!_options.Compact && (frame.Kind == FrameKind.Mapping || frame.HasLines))
        {
            WriteByte((byte)',');
            _lineOpen = true;
        }
        else
        {
            _lineOpen = false;
        }
    }

    private void WriteNewLine()
    {
        WriteByte((byte)'\n');
        _lineOpen = false;
    }

    private delegate void Utf8Action(Utf8KyamlWriter writer, ReadOnlySpan<byte> utf8);

    private void WithUtf8(string text, Utf8Action action)
    {
        int max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int length = System.Text.Encoding.UTF8.GetBytes(text, buffer);
            action(this, buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private struct Frame
    {
        public FrameKind Kind;
        public KyamlSequenceLayout Layout;
        public bool HasLines;
        public int Level;
        public int Count;
    }
}
