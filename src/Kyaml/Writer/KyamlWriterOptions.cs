namespace Kyaml;

/// <summary>Options for <see cref="Utf8KyamlWriter"/>.</summary>
/// <remarks>The default value writes regular (multi-line) KYAML, validates structure and allows a depth of 64.</remarks>
public struct KyamlWriterOptions
{
    /// <summary>The depth used when <see cref="MaxDepth"/> is zero.</summary>
    public const int DefaultMaxDepth = 64;

    private int _maxDepth;

    /// <summary>
    /// Gets or sets a value indicating whether to write compact KYAML: each document on one line, no trailing
    /// commas, no comments, and line breaks and tabs inside strings escaped.
    /// </summary>
    public bool Compact { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether to skip the structure checks (a value without a key, an unclosed
    /// container, a key outside a mapping). Invalid calls then produce invalid output instead of an exception.
    /// </summary>
    public bool SkipValidation { get; set; }

    /// <summary>Gets or sets the maximum nesting depth; zero means <see cref="DefaultMaxDepth"/>.</summary>
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
    /// Gets or sets a value indicating whether to reproduce the reference encoder's known output defects byte for
    /// byte (a doubled backslash before an escaped whitespace character that starts a continuation line).
    /// </summary>
    internal bool ReferenceCompatible { get; set; }
}
