namespace Kyaml;

/// <summary>How much of YAML's flow syntax <see cref="Utf8KyamlReader"/> accepts.</summary>
public enum KyamlReaderMode : byte
{
    /// <summary>
    /// Only KYAML: flow mappings and sequences, double-quoted strings, bare numbers, booleans and nulls, and keys
    /// that are bare only when unambiguous. Block style, plain string values, single quotes, anchors, aliases and
    /// tags are rejected with the position of the offending text.
    /// </summary>
    Strict = 0,

    /// <summary>
    /// The flow subset of YAML: in addition to KYAML, plain (unquoted) strings, single-quoted strings, keys
    /// without a value and any bare key. Block style, anchors, aliases and tags are still rejected.
    /// </summary>
    Lenient = 1,
}
