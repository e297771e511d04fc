namespace Kyaml;

/// <summary>Options for <see cref="KyamlConverter"/>.</summary>
public sealed class KyamlConverterOptions
{
    /// <summary>The default for <see cref="MaxDepth"/>.</summary>
    public const int DefaultMaxDepth = 256;

    /// <summary>The default for <see cref="MaxDocumentBytes"/> (64 MiB).</summary>
    public const long DefaultMaxDocumentBytes = 64L * 1024 * 1024;

    /// <summary>The default for <see cref="MaxAliasExpansion"/>.</summary>
    public const long DefaultMaxAliasExpansion = 1_000_000;

    private const int MaxAllowedDepth = 1000;

    private int _maxDepth = DefaultMaxDepth;
    private long _maxDocumentBytes = DefaultMaxDocumentBytes;
    private long _maxAliasExpansion = DefaultMaxAliasExpansion;

    /// <summary>Gets or sets a value indicating whether to write each document on one line (no comments).</summary>
    public bool Compact { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether to produce what <c>kubectl get -o kyaml</c> prints for the same
    /// data: the input is read as YAML 1.1 (so <c>yes</c>, <c>on</c> are booleans), turned into JSON data, and
    /// written with mapping keys sorted, merge keys applied, numbers in JSON form and no comments.
    /// </summary>
    public bool KubectlForm { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether to reproduce the reference encoder (kubernetes-sigs/yaml v1.6.0)
    /// byte for byte, including its known defects: empty sequence items written as a bare comma (invalid YAML), a
    /// doubled backslash before escaped white space at the start of a continuation line, merge keys written as the
    /// key <c>"&lt;&lt;"</c>, alias keys written as the anchor name, expanded aliases indented one level deeper,
    /// tagged non-matching scalars written bare, and collection keys written as <c>""</c>.
    /// </summary>
    public bool ReferenceCompatible { get; set; }

    /// <summary>Gets or sets the maximum nesting depth of the input, at most 1000.</summary>
    /// <remarks>
    /// The converter works on a tree recursively; 1000 levels fit a 1 MiB thread stack in every output form, while
    /// 10 000 levels overflow even the 8 MiB main-thread stack, which ends the process instead of throwing.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 or greater than 1000.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxAllowedDepth);
            _maxDepth = value;
        }
    }

    /// <summary>Gets or sets the maximum size of one input document in bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public long MaxDocumentBytes
    {
        get => _maxDocumentBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1L);
            _maxDocumentBytes = value;
        }
    }

    /// <summary>
    /// Gets or sets the maximum number of nodes that expanding aliases may add to one document (a defence against
    /// "billion laughs" documents).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long MaxAliasExpansion
    {
        get => _maxAliasExpansion;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxAliasExpansion = value;
        }
    }
}
