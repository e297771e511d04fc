namespace Kyaml;

/// <summary>How <see cref="Utf8KyamlWriter"/> lays out a non-empty sequence.</summary>
public enum KyamlSequenceLayout
{
    /// <summary>
    /// Decide from the first item: a mapping or sequence without a preceding comment starts the cuddled form
    /// (<c>[{ … }, { … }]</c>); anything else the one-item-per-line form. This is the reference encoder's choice
    /// whenever every item is of the same kind.
    /// </summary>
    Auto = 0,

    /// <summary>One item per line, each followed by a comma.</summary>
    Block = 1,

    /// <summary>Items separated by <c>", "</c> right after the bracket; meant for lists of mappings or sequences.</summary>
    Cuddled = 2,
}
