namespace Kyaml;

/// <summary>The kind of problem a <see cref="KyamlException"/> reports.</summary>
public enum KyamlErrorKind
{
    /// <summary>The input is not valid YAML, JSON or KYAML, or uses a feature that cannot be converted.</summary>
    InvalidInput = 0,

    /// <summary>The input nests deeper than the configured maximum depth.</summary>
    DepthLimitExceeded = 1,

    /// <summary>A document is larger than the configured maximum size.</summary>
    SizeLimitExceeded = 2,

    /// <summary>Expanding aliases would produce more nodes than the configured maximum (for example "billion laughs").</summary>
    AliasExpansionLimitExceeded = 3,

    /// <summary>A writer was asked to produce structure that is not valid (for example a value without a key).</summary>
    InvalidWriterState = 4,
}
