using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Kyaml;

/// <summary>
/// A forward-only, zero-allocation reader of UTF-8 KYAML text (the Kubernetes dialect of YAML, KEP-5295), one
/// token at a time, over a <see cref="ReadOnlySpan{T}"/> or a <see cref="ReadOnlySequence{T}"/> of bytes.
/// </summary>
/// <remarks>
/// <para>
/// Modelled on <see cref="System.Text.Json.Utf8JsonReader"/>: call <see cref="Read"/> until it returns
/// <see langword="false"/>, look at <see cref="TokenType"/> and the raw bytes in <see cref="ValueSpan"/> (or
/// <see cref="ValueSequence"/> when <see cref="HasValueSequence"/>), and decode values with the <c>Get*</c> and
/// <c>TryGet*</c> methods. To read from a pipe, pass <c>isFinalBlock: false</c> and continue with a new reader built
/// from <see cref="CurrentState"/> and the bytes after <see cref="BytesConsumed"/>.
/// </para>
/// <para>
/// Errors throw <see cref="KyamlException"/> with the 1-based line and column (in Unicode scalar values) and the
/// 0-based byte offset from the start of the stream. A document is a stream of tokens:
/// <see cref="KyamlTokenType.StartDocument"/>, one value, <see cref="KyamlTokenType.EndDocument"/>; an empty
/// document or an empty mapping value reads as <see cref="KyamlTokenType.Null"/> with an empty value span.
/// </para>
/// </remarks>
[DebuggerDisplay("TokenType = {TokenType}, CurrentDepth = {CurrentDepth}, BytesConsumed = {BytesConsumed}")]
public ref partial struct Utf8KyamlReader
{
    private static readonly SearchValues<byte> s_plainStops =
        SearchValues.Create(" \t:,[]{}\n\r"u8);

    private static readonly SearchValues<byte> s_doubleQuotedStops = CreateQuotedStops((byte)'"', (byte)'\\');

    private static readonly SearchValues<byte> s_singleQuotedStops = CreateQuotedStops((byte)'\'', (byte)'\'');

    private static readonly SearchValues<byte> s_lineEnds = SearchValues.Create("\n\r"u8);

    /// <summary>
    /// C0 controls other than tab and line breaks, DEL, and the lead bytes of U+0080..U+009F and U+FFFE/F.
    /// </summary>
    private static readonly SearchValues<byte> s_nonPrintableLeads = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
         0x7F, 0xC2, 0xEF]);

    /// <summary>The bytes a quoted-string scan stops at: the quote, the escape byte and every C0 control.</summary>
    private static SearchValues<byte> CreateQuotedStops(byte quote, byte escape)
    {
        byte[] stops = new byte[34];
        for (int b = 0; b < 32; b++)
        {
            stops[b] = (byte)b;
        }

        stops[32] = quote;
        stops[33] = escape;
        return SearchValues.Create(stops);
    }

    private readonly KyamlReaderOptions _options;
    private readonly bool _strict;
    private readonly bool _returnComments;
    private readonly int _maxDepth;
    private readonly int _maxTokenSize;
    private readonly bool _isFinalBlock;
    private readonly bool _isMultiSegment;
    private readonly long _inputStart;
    private readonly long _lineCharCarry;

    private ReadOnlySpan<byte> _buffer;
    private bool _isFinalWindow;
    private long _bufferStart;
    private int _consumed;

    private long _lineNumber;
    private long _lineStart;

    private ReaderBitStack _stack;
    private Expect _expect;
    private bool _afterSpace;
    private KyamlTokenType _tokenType;
    private long _tokenStartAbsolute;
    private int _valueStartIndex;
    private int _valueLength;
    private KyamlScalarStyle _scalarStyle;
    private bool _valueIsEscaped;

    private ReadOnlySequence<byte> _sequence;
    private SequencePosition _currentPosition;
    private SequencePosition _nextPosition;

    /// <summary>Initializes a strict reader over complete KYAML text.</summary>
    /// <param name="kyaml">The UTF-8 text: one or more documents.</param>
    public Utf8KyamlReader(ReadOnlySpan<byte> kyaml)
        : this(kyaml, isFinalBlock: true, new KyamlReaderState(default))
    {
    }

    /// <summary>Initializes a reader over complete KYAML text with the given options.</summary>
    /// <param name="kyaml">The UTF-8 text: one or more documents.</param>
    /// <param name="options">Mode, comment handling and limits.</param>
    public Utf8KyamlReader(ReadOnlySpan<byte> kyaml, KyamlReaderOptions options)
        : this(kyaml, isFinalBlock: true, new KyamlReaderState(options))
    {
    }

    /// <summary>Initializes a reader over one block of a stream, continuing from a saved state.</summary>
    /// <param name="kyaml">The bytes that follow the last <see cref="BytesConsumed"/> of the previous reader.</param>
    /// <param name="isFinalBlock">Whether these are the last bytes of the stream.</param>
    /// <param name="state">The state of the previous reader, or a new state for the start of a stream.</param>
    public Utf8KyamlReader(ReadOnlySpan<byte> kyaml, bool isFinalBlock, KyamlReaderState state)
    {
        this = default;
        _options = state._options;
        _strict = _options.Mode == KyamlReaderMode.Strict;
        _returnComments = _options.CommentHandling == KyamlCommentHandling.Allow;
        _maxDepth = _options.MaxDepth;
        _maxTokenSize = _options.MaxTokenSize;
        _isFinalBlock = isFinalBlock;
        _isFinalWindow = isFinalBlock;
        _buffer = kyaml;
        _inputStart = state._absolutePosition;
        _bufferStart = state._absolutePosition;
        _stack = state._stack.Clone();
        _expect = (Expect)state._expect;
        _tokenType = state._tokenType;

        // A default(KyamlReaderState) means the start of a stream.
        bool fresh = state._lineNumber == 0;
        _lineNumber = fresh ? 1 : state._lineNumber;
        _lineStart = fresh ? 0 : state._lineStart;
        _lineCharCarry = state._lineCharCarry;
        _afterSpace = fresh || state._afterSpace;
    }

    private enum Expect : byte
    {
        StreamStart = 0,
        RootValue = 1,
        AfterRoot = 2,
        MapKey = 3,
        MapValue = 4,
        MapAfterValue = 5,
        SeqItem = 6,
        SeqAfterItem = 7,
    }

    /// <summary>Gets the type of the last token read.</summary>
    public readonly KyamlTokenType TokenType => _tokenType;

    /// <summary>
    /// Gets the raw bytes of the last token's value when it lies in one piece of memory: a key or string without its
    /// quotes and still escaped, a number or word exactly as written, a comment's text after <c>#</c>.
    /// </summary>
    public ReadOnlySpan<byte> ValueSpan { readonly get; private set; }

    /// <summary>Gets the raw bytes of the last token's value when it spans segments (see <see cref="HasValueSequence"/>).</summary>
    public ReadOnlySequence<byte> ValueSequence { readonly get; private set; }

    /// <summary>Gets whether the last token's value spans segments and is in <see cref="ValueSequence"/>.</summary>
    public bool HasValueSequence { readonly get; private set; }

    /// <summary>
    /// Gets whether the raw value holds escapes, quote doubling or line breaks, so that it differs from the decoded
    /// text; when false, <see cref="ValueSpan"/> is the string's UTF-8 text as is.
    /// </summary>
    public readonly bool ValueIsEscaped => _valueIsEscaped;

    /// <summary>Gets the nesting depth of the last token: 0 for a document's root value and its brackets.</summary>
    public readonly int CurrentDepth
    {
        get
        {
            int depth = _stack.Count;
            return _tokenType is KyamlTokenType.StartMapping or KyamlTokenType.StartSequence ? depth - 1 : depth;
        }
    }

    /// <summary>Gets the number of bytes of this reader's input consumed so far.</summary>
    public readonly long BytesConsumed => _bufferStart + _consumed - _inputStart;

    /// <summary>Gets the index, in this reader's input, of the first byte of the last token.</summary>
    public readonly long TokenStartIndex => _tokenStartAbsolute - _inputStart;

    /// <summary>Gets the 1-based line on which the reader stands (after the last token).</summary>
    public readonly long LineNumber => _lineNumber;

    /// <summary>Gets whether these are the last bytes of the stream.</summary>
    public readonly bool IsFinalBlock => _isFinalBlock;

    /// <summary>Gets the options of this reader.</summary>
    public readonly KyamlReaderOptions Options => _options;

    /// <summary>Gets the state to continue from with a new reader over the bytes after <see cref="BytesConsumed"/>.</summary>
    public readonly KyamlReaderState CurrentState
    {
        get
        {
            long position = _bufferStart + _consumed;
            long carry = _lineStart < _inputStart
                ? _lineCharCarry + CountChars(_inputStart, position)
                : CountChars(_lineStart, position);
            return new KyamlReaderState(
                _options,
                _stack.Clone(),
                position,
                _lineNumber,
                _lineStart,
                carry,
                _tokenType,
                (byte)_expect,
                _afterSpace);
        }
    }

    /// <summary>Reads the next token.</summary>
    /// <returns>
    /// <see langword="true"/> when a token was read; <see langword="false"/> at the end of the stream or, when the
    /// block is not final, when more bytes are needed to read the next token.
    /// </returns>
    /// <exception cref="KyamlException">The input is not valid (in the reader's mode) or exceeds a limit.</exception>
    public bool Read()
    {
        return _isMultiSegment ? ReadMultiSegment() : ReadCore();
    }

    /// <summary>Skips the children of the current mapping or sequence start, or does nothing for other tokens.</summary>
    /// <exception cref="InvalidOperationException">The block is not final; use <see cref="TrySkip"/>.</exception>
    /// <exception cref="KyamlException">The input is not valid.</exception>
    public void Skip()
    {
        if (!_isFinalBlock)
        {
            throw new InvalidOperationException("Skip needs the final block; call TrySkip on partial input.");
        }

        TrySkip();
    }

    /// <summary>Skips the children of the current container start, if all of them are in the input.</summary>
    /// <returns>False (and the reader unchanged) when more input is needed.</returns>
    /// <exception cref="KyamlException">The input is not valid.</exception>
    public bool TrySkip()
    {
        Utf8KyamlReader copy = this;
        if (copy._tokenType == KyamlTokenType.PropertyName && !copy.Read())
        {
            return false;
        }

        while (copy._tokenType == KyamlTokenType.Comment)
        {
            if (!copy.Read())
            {
                return false;
            }
        }

        if (copy._tokenType is KyamlTokenType.StartMapping or KyamlTokenType.StartSequence)
        {
            int depth = copy.CurrentDepth;
            do
            {
                if (!copy.Read())
                {
                    return false;
                }
            }
            while (!(copy._tokenType is KyamlTokenType.EndMapping or KyamlTokenType.EndSequence
                && copy.CurrentDepth == depth));
        }

        this = copy;
        return true;
    }

    private bool ReadCore()
    {
        ReadOnlySpan<byte> buffer = _buffer;
        int i = _consumed;
        while (true)
        {
            // Separation: spaces, tabs, line breaks and comments between tokens.
            int c;
            while (true)
            {
                if (i >= buffer.Length)
                {
                    if (!_isFinalWindow)
                    {
                        _consumed = i;
                        return false;
                    }

                    c = -1;
                    break;
                }

                byte b = buffer[i];
                if (b is (byte)' ' or (byte)'\t')
                {
                    i++;
                    _afterSpace = true;
                    if (i < buffer.Length && buffer[i] is (byte)' ' or (byte)'\t')
                    {
                        // Indentation: skip the run in one vectorized search.
                        int run = buffer[i..].IndexOfAnyExcept((byte)' ', (byte)'\t');
                        i = run < 0 ? buffer.Length : i + run;
                    }
                }
                else if (b == (byte)'\n')
                {
                    i++;
                    NewLine(i);
                }
                else if (b == (byte)'\r')
                {
                    if (i + 1 < buffer.Length)
                    {
                        i += buffer[i + 1] == (byte)'\n' ? 2 : 1;
                    }
                    else if (!_isFinalWindow)
                    {
                        _consumed = i;
                        return false;
                    }
                    else
                    {
                        i++;
                    }

                    NewLine(i);
                }
                else if (b == (byte)'#')
                {
                    if (!_afterSpace)
                    {
                        ThrowAt(i, "Expected a space before '#': a comment must be separated from the text before it.");
                    }

                    int length = buffer[(i + 1)..].IndexOfAny(s_lineEnds);
                    if (length < 0)
                    {
                        if (!_isFinalWindow)
                        {
                            return NeedMoreData(i);
                        }

                        length = buffer.Length - i - 1;
                    }

                    CheckTokenSize(i, length + 1);
                    ValidateUtf8(i + 1, i + 1 + length);
                    if (_returnComments)
                    {
                        return Emit(KyamlTokenType.Comment, i, i + 1 + length, i + 1, length);
                    }

                    i += 1 + length;
                }
                else if (b == 0xEF && _bufferStart + i == 0)
                {
                    // A UTF-8 byte order mark at the very start of the stream is not content.
                    if (i + 3 > buffer.Length && !_isFinalWindow)
                    {
                        return NeedMoreData(i);
                    }

                    if (buffer[i..].StartsWith("\uFEFF"u8))
                    {
                        i += 3;
                        _lineStart = 3;
                        continue;
                    }

                    c = b;
                    break;
                }
                else
                {
                    c = b;
                    break;
                }
            }

            _consumed = i;
            if (c is (byte)'-' or (byte)'.' && _bufferStart + i == _lineStart)
            {
                int marker = DocumentMarker(i);
                if (marker == -2)
                {
                    return NeedMoreData(i);
                }

                if (marker > 0)
                {
                    if (_stack.Count > 0)
                    {
                        ThrowAt(i, $"Found a document marker '{(char)marker}{(char)marker}{(char)marker}' inside an unclosed "
                            + (_stack.PeekIsMapping() ? "mapping; expected '}'." : "sequence; expected ']'."));
                    }

                    switch (_expect)
                    {
                        case Expect.StreamStart:
                            if (marker == '-')
                            {
                                _expect = Expect.RootValue;
                                return Emit(KyamlTokenType.StartDocument, i, i + 3, i, 3);
                            }

                            i += 3;
                            _afterSpace = false;
                            continue;
                        case Expect.RootValue:
                            _expect = Expect.AfterRoot;
                            return EmitScalar(KyamlTokenType.Null, i, i, i, 0, KyamlScalarStyle.Plain, false);
                        default:
                            _expect = Expect.StreamStart;
                            return marker == '-'
                                ? Emit(KyamlTokenType.EndDocument, i, i, i, 0)
                                : Emit(KyamlTokenType.EndDocument, i, i + 3, i, 3);
                    }
                }
            }

            switch (_expect)
            {
                case Expect.StreamStart:
                    if (c < 0)
                    {
                        return false;
                    }

                    if (c == '%' && _bufferStart + i == _lineStart)
                    {
                        ThrowAt(i, "Found a directive ('%'); directives are not KYAML and are not supported.");
                    }

                    _expect = Expect.RootValue;
                    return Emit(KyamlTokenType.StartDocument, i, i, i, 0);

                case Expect.RootValue:
                    if (c < 0)
                    {
                        _expect = Expect.AfterRoot;
                        return EmitScalar(KyamlTokenType.Null, i, i, i, 0, KyamlScalarStyle.Plain, false);
                    }

                    return ReadValue(i, c);

                case Expect.AfterRoot:
                    if (c < 0)
                    {
                        _expect = Expect.StreamStart;
                        return Emit(KyamlTokenType.EndDocument, i, i, i, 0);
                    }

                    if (c == ':')
                    {
                        ThrowAt(i, "Found ':' after the document's root value: that is a block-style mapping, which is "
                            + "not KYAML; write the mapping in flow style, '{key: value}'.");
                    }

                    ThrowAt(i, $"Expected the end of the document after its root value, found {Describe(i)}.");
                    break;

                case Expect.MapKey:
                    if (c == '}')
                    {
                        return EndContainer(i, isMapping: true);
                    }

                    return ReadKey(i, c);

                case Expect.MapValue:
                    if (c is ',' or '}')
                    {
                        _expect = Expect.MapAfterValue;
                        return EmitScalar(KyamlTokenType.Null, i, i, i, 0, KyamlScalarStyle.Plain, false);
                    }

                    if (c < 0)
                    {
                        ThrowUnclosed(i);
                    }

                    return ReadValue(i, c);

                case Expect.MapAfterValue:
                    if (c == ',')
                    {
                        i++;
                        _afterSpace = false;
                        _expect = Expect.MapKey;
                        continue;
                    }

                    if (c == '}')
                    {
                        return EndContainer(i, isMapping: true);
                    }

                    if (c < 0)
                    {
                        ThrowUnclosed(i);
                    }

                    ThrowAt(i, $"Expected ',' or '}}' after a mapping value, found {Describe(i)}.");
                    break;

                case Expect.SeqItem:
                    if (c == ']')
                    {
                        return EndContainer(i, isMapping: false);
                    }

                    if (c == ',')
                    {
                        ThrowAt(i, "Found an empty sequence item (',' with no value before it), which is not valid YAML.");
                    }

                    if (c < 0)
                    {
                        ThrowUnclosed(i);
                    }

                    return ReadValue(i, c);

                default:
                    if (c == ',')
                    {
                        i++;
                        _afterSpace = false;
                        _expect = Expect.SeqItem;
                        continue;
                    }

                    if (c == ']')
                    {
                        return EndContainer(i, isMapping: false);
                    }

                    if (c < 0)
                    {
                        ThrowUnclosed(i);
                    }

                    if (c == ':')
                    {
                        ThrowAt(i, "Found 'key: value' directly inside a sequence (a single-pair mapping); write it "
                            + "as a mapping, '{key: value}'.");
                    }

                    ThrowAt(i, $"Expected ',' or ']' after a sequence item, found {Describe(i)}.");
                    break;
            }
        }
    }

    private bool ReadValue(int i, int c)
    {
        switch (c)
        {
            case '{':
                PushContainer(i, isMapping: true);
                _expect = Expect.MapKey;
                return Emit(KyamlTokenType.StartMapping, i, i + 1, i, 1);
            case '[':
                PushContainer(i, isMapping: false);
                _expect = Expect.SeqItem;
                return Emit(KyamlTokenType.StartSequence, i, i + 1, i, 1);
            case '"':
                return ReadDoubleQuoted(i, KyamlTokenType.String);
            case '\'':
                if (_strict)
                {
                    ThrowAt(i, "Found a single-quoted string, which is not KYAML; KYAML writes strings in double quotes.");
                }

                return ReadSingleQuoted(i, KyamlTokenType.String);
            default:
                if (c is '-' or '?' or ':' && i + 1 >= _buffer.Length && !_isFinalWindow)
                {
                    return NeedMoreData(i);
                }

                RejectIndicator(i, c, isKey: false);
                return ReadPlainValue(i);
        }
    }

    private bool ReadKey(int i, int c)
    {
        int contentStart;
        int contentEnd;
        int end;
        KyamlScalarStyle style;
        bool escaped;
        switch (c)
        {
            case -1:
                ThrowUnclosed(i);
                return false;
            case '"':
                end = ScanDoubleQuoted(i, out escaped, out bool doubleBreak);
                if (end < 0)
                {
                    return NeedMoreData(i);
                }

                if (doubleBreak)
                {
                    ThrowAt(i, "Found a key that spans lines; a key must be on one line.");
                }

                contentStart = i + 1;
                contentEnd = end - 1;
                style = KyamlScalarStyle.DoubleQuoted;
                break;
            case '\'':
                if (_strict)
                {
                    ThrowAt(i, "Found a single-quoted key, which is not KYAML; quote keys with double quotes.");
                }

                end = ScanSingleQuoted(i, out escaped, out bool singleBreak);
                if (end < 0)
                {
                    return NeedMoreData(i);
                }

                if (singleBreak)
                {
                    ThrowAt(i, "Found a key that spans lines; a key must be on one line.");
                }

                contentStart = i + 1;
                contentEnd = end - 1;
                style = KyamlScalarStyle.SingleQuoted;
                break;
            case ',':
                ThrowAt(i, "Expected a key or '}', found ','; an empty entry is not valid YAML.");
                return false;
            case ']':
                ThrowAt(i, "Expected a key or '}', found ']'.");
                return false;
            case '{':
            case '[':
                ThrowAt(i, "Found a mapping or sequence used as a key; KYAML keys are strings.");
                return false;
            default:
                if (c is '-' or '?' or ':' && i + 1 >= _buffer.Length && !_isFinalWindow)
                {
                    return NeedMoreData(i);
                }

                RejectIndicator(i, c, isKey: true);
                end = ScanPlain(i, multiLine: false, out contentEnd, out _);
                if (end < 0)
                {
                    return NeedMoreData(i);
                }

                contentStart = i;
                end = contentEnd;
                escaped = false;
                style = KyamlScalarStyle.Plain;
                if (contentEnd == i)
                {
                    ThrowAt(i, "Expected a key, found ':'; an empty key is not KYAML.");
                }

                ValidateUtf8(i, contentEnd);
                if (_strict)
                {
                    ValidateBareKey(i, contentEnd);
                }

                break;
        }

        CheckTokenSize(i, end - i);

        // The ':' follows on the same line, after optional spaces.
        ReadOnlySpan<byte> buffer = _buffer;
        int j = end;
        while (j < buffer.Length && buffer[j] is (byte)' ' or (byte)'\t')
        {
            j++;
        }

        if (j >= buffer.Length)
        {
            if (!_isFinalWindow)
            {
                return NeedMoreData(i);
            }

            ThrowUnclosed(j);
        }

        byte next = buffer[j];
        int consumedTo;
        if (next == (byte)':')
        {
            if (style == KyamlScalarStyle.Plain && j + 1 < buffer.Length && !IsPlainTerminatorAfterColon(buffer[j + 1]))
            {
                ThrowAt(j, "Expected a space after ':' that follows a key.");
            }

            consumedTo = j + 1;
        }
        else if (next is (byte)',' or (byte)'}' && !_strict)
        {
            // A key with no ':' has an empty (null) value in the flow subset of YAML.
            consumedTo = j;
        }
        else if (next is (byte)'\n' or (byte)'\r' or (byte)'#')
        {
            ThrowAt(j, "Expected ':' after the key on the same line; a key and its ':' must be on one line.");
            return false;
        }
        else
        {
            ThrowAt(j, $"Expected ':' after the key, found {Describe(j)}.");
            return false;
        }

        _expect = Expect.MapValue;
        return EmitScalar(
            KyamlTokenType.PropertyName, i, consumedTo, contentStart, contentEnd - contentStart, style, escaped);
    }

    private bool ReadDoubleQuoted(int i, KyamlTokenType type)
    {
        int end = ScanDoubleQuoted(i, out bool escaped, out bool sawBreak);
        if (end < 0)
        {
            return NeedMoreData(i);
        }

        CheckTokenSize(i, end - i);
        if (sawBreak)
        {
            AdvanceLines(i, end);
        }

        _expect = AfterValue();
        return EmitScalar(type, i, end, i + 1, end - i - 2, KyamlScalarStyle.DoubleQuoted, escaped);
    }

    private bool ReadSingleQuoted(int i, KyamlTokenType type)
    {
        int end = ScanSingleQuoted(i, out bool escaped, out bool sawBreak);
        if (end < 0)
        {
            return NeedMoreData(i);
        }

        CheckTokenSize(i, end - i);
        if (sawBreak)
        {
            AdvanceLines(i, end);
        }

        _expect = AfterValue();
        return EmitScalar(type, i, end, i + 1, end - i - 2, KyamlScalarStyle.SingleQuoted, escaped);
    }

    private bool ReadPlainValue(int i)
    {
        bool root = _stack.Count == 0;
        int stop = ScanPlain(i, multiLine: !root && !_strict, out int contentEnd, out bool sawBreak);
        if (stop < 0)
        {
            return NeedMoreData(i);
        }

        CheckTokenSize(i, contentEnd - i);
        ValidateUtf8(i, contentEnd);
        ReadOnlySpan<byte> text = _buffer[i..contentEnd];
        if (root && stop < _buffer.Length && _buffer[stop] == (byte)':')
        {
            ThrowAt(i, "Found 'key: value' at the top of a document: that is a block-style mapping, which is not "
                + "KYAML; write the mapping in flow style, '{key: value}'.");
        }

        KyamlScalarKind kind = KyamlScalarResolver.Resolve(text);
        KyamlTokenType type;
        switch (kind)
        {
            case KyamlScalarKind.Null:
                type = KyamlTokenType.Null;
                break;
            case KyamlScalarKind.True:
                type = KyamlTokenType.True;
                break;
            case KyamlScalarKind.False:
                type = KyamlTokenType.False;
                break;
            case KyamlScalarKind.Integer:
            case KyamlScalarKind.Float:
                type = KyamlTokenType.Number;
                break;
            case KyamlScalarKind.Merge:
                ThrowAt(i, "Found the merge key '<<' as a value; merges are not KYAML.");
                return false;
            default:
                if (_strict)
                {
                    ThrowAt(i, $"Found the unquoted string {Quote(text)}; KYAML writes every string value in double "
                        + "quotes (only numbers, booleans and null are bare).");
                }

                type = KyamlTokenType.String;
                break;
        }

        if (sawBreak)
        {
            AdvanceLines(i, contentEnd);
        }

        _expect = AfterValue();
        return EmitScalar(type, i, contentEnd, i, contentEnd - i, KyamlScalarStyle.Plain, sawBreak);
    }

    private void PushContainer(int i, bool isMapping)
    {
        if (_stack.Count >= _maxDepth)
        {
            (long line, long column) = GetLineAndColumn(_bufferStart + i);
            ThrowHelper.ThrowDepthExceeded(_maxDepth, line, column, _bufferStart + i);
        }

        _stack.Push(isMapping);
    }

    private bool EndContainer(int i, bool isMapping)
    {
        if (_stack.PeekIsMapping() != isMapping)
        {
            ThrowAt(i, isMapping
                ? "Expected ']' to close the sequence, found '}'."
                : "Expected '}' to close the mapping, found ']'.");
        }

        _stack.Pop();
        _expect = AfterValue();
        return Emit(isMapping ? KyamlTokenType.EndMapping : KyamlTokenType.EndSequence, i, i + 1, i, 1);
    }

    private readonly Expect AfterValue()
    {
        if (_stack.Count == 0)
        {
            return Expect.AfterRoot;
        }

        return _stack.PeekIsMapping() ? Expect.MapAfterValue : Expect.SeqAfterItem;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Emit(KyamlTokenType type, int tokenStart, int end, int valueStart, int valueLength)
    {
        _tokenType = type;
        _tokenStartAbsolute = _bufferStart + tokenStart;
        _valueStartIndex = valueStart;
        _valueLength = valueLength;
        _valueIsEscaped = false;
        _scalarStyle = KyamlScalarStyle.Plain;
        ValueSpan = _buffer.Slice(valueStart, valueLength);
        HasValueSequence = false;
        _consumed = end;
        _afterSpace = false;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool EmitScalar(
        KyamlTokenType type,
        int tokenStart,
        int end,
        int valueStart,
        int valueLength,
        KyamlScalarStyle style,
        bool escaped)
    {
        Emit(type, tokenStart, end, valueStart, valueLength);
        _scalarStyle = style;
        _valueIsEscaped = escaped;
        return true;
    }

    private bool NeedMoreData(int tokenStart)
    {
        CheckTokenSize(tokenStart, _buffer.Length - tokenStart);
        _consumed = tokenStart;
        return false;
    }

    private readonly void CheckTokenSize(int tokenStart, int length)
    {
        if (length > _maxTokenSize)
        {
            long position = _bufferStart + tokenStart;
            (long line, long column) = GetLineAndColumn(position);
            ThrowHelper.ThrowTokenTooLarge(_maxTokenSize, line, column, position);
        }
    }

    private void NewLine(int indexAfterBreak)
    {
        _lineNumber++;
        _lineStart = _bufferStart + indexAfterBreak;
        _afterSpace = true;
    }

    /// <summary>Counts the line breaks inside a token that spans lines.</summary>
    private void AdvanceLines(int from, int to)
    {
        ReadOnlySpan<byte> buffer = _buffer;
        int j = from;
        while (j < to)
        {
            int k = buffer[j..to].IndexOfAny(s_lineEnds);
            if (k < 0)
            {
                break;
            }

            j += k;
            j += buffer[j] == (byte)'\r' && j + 1 < buffer.Length && buffer[j + 1] == (byte)'\n' ? 2 : 1;
            _lineNumber++;
            _lineStart = _bufferStart + j;
        }
    }
}
