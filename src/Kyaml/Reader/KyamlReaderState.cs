namespace Kyaml;

/// <summary>
/// Everything <see cref="Utf8KyamlReader"/> needs to continue reading where an earlier reader stopped, so that a
/// loop over a <see cref="System.IO.Pipelines.PipeReader"/> can create a new reader for each buffer.
/// </summary>
/// <remarks>
/// Take it from <see cref="Utf8KyamlReader.CurrentState"/> and pass it with the bytes that follow
/// <see cref="Utf8KyamlReader.BytesConsumed"/> to the next reader.
/// </remarks>
public readonly struct KyamlReaderState
{
    internal readonly KyamlReaderOptions _options;
    internal readonly ReaderBitStack _stack;
    internal readonly long _absolutePosition;
    internal readonly long _lineNumber;
    internal readonly long _lineStart;
    internal readonly long _lineCharCarry;
    internal readonly KyamlTokenType _tokenType;
    internal readonly byte _expect;
    internal readonly bool _afterSpace;

    /// <summary>Initializes the state for the start of a stream.</summary>
    /// <param name="options">Mode, comment handling and limits for every reader that continues from this state.</param>
    public KyamlReaderState(KyamlReaderOptions options = default)
    {
        _options = options;
        _stack = default;
        _absolutePosition = 0;
        _lineNumber = 1;
        _lineStart = 0;
        _lineCharCarry = 0;
        _tokenType = KyamlTokenType.None;
        _expect = 0;
        _afterSpace = true;
    }

    internal KyamlReaderState(
        KyamlReaderOptions options,
        ReaderBitStack stack,
        long absolutePosition,
        long lineNumber,
        long lineStart,
        long lineCharCarry,
        KyamlTokenType tokenType,
        byte expect,
        bool afterSpace)
    {
        _options = options;
        _stack = stack;
        _absolutePosition = absolutePosition;
        _lineNumber = lineNumber;
        _lineStart = lineStart;
        _lineCharCarry = lineCharCarry;
        _tokenType = tokenType;
        _expect = expect;
        _afterSpace = afterSpace;
    }

    /// <summary>Gets the options that readers continuing from this state use.</summary>
    public KyamlReaderOptions Options => _options;

    /// <summary>Gets the number of bytes read from the start of the stream up to this state.</summary>
    public long BytesConsumedTotal => _absolutePosition;

    /// <summary>Gets the 1-based line at this state.</summary>
    public long LineNumber => _lineNumber;
}
