namespace Kyaml;

/// <summary>Options for <see cref="Utf8KyamlReader"/>: mode, comment handling and the limits for untrusted input.</summary>
/// <remarks>The default value is strict, skips comments, allows a depth of 64 and tokens of up to 16 MiB.</remarks>
public struct KyamlReaderOptions
{
    /// <summary>The depth used when <see cref="MaxDepth"/> is zero.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The token size used when <see cref="MaxTokenSize"/> is zero: 16 MiB.</summary>
    public const int DefaultMaxTokenSize = 16 * 1024 * 1024;

    private int _maxDepth;
    private int _maxTokenSize;

    /// <summary>Gets or sets whether only KYAML (the default) or the flow subset of YAML is accepted.</summary>
    public KyamlReaderMode Mode { get; set; }

    /// <summary>Gets or sets whether comments are skipped (the default) or returned as tokens.</summary>
    public KyamlCommentHandling CommentHandling { get; set; }

    /// <summary>
    /// Gets or sets the deepest nesting of mappings and sequences allowed; zero means <see cref="DefaultMaxDepth"/>.
    /// </summary>
    /// <remarks>Depths above 64 are tracked in an array that is allocated once when the input goes that deep.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxDepth
    {
        readonly get => _maxDepth == 0 ? DefaultMaxDepth : _maxDepth;
        set
        {
            if (value < 0)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(value), "The maximum depth cannot be negative.");
            }

            _maxDepth = value;
        }
    }

    /// <summary>
    /// Gets or sets the largest single token (a string with its quotes, a key, a number or a comment) in bytes;
    /// zero means <see cref="DefaultMaxTokenSize"/>. A larger token fails with
    /// <see cref="KyamlErrorKind.SizeLimitExceeded"/> as soon as that many bytes of it have been seen.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxTokenSize
    {
        readonly get => _maxTokenSize == 0 ? DefaultMaxTokenSize : _maxTokenSize;
        set
        {
            if (value < 0)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(value), "The maximum token size cannot be negative.");
            }

            _maxTokenSize = value;
        }
    }
}
