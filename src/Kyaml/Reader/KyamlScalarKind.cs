namespace Kyaml;

/// <summary>What an unquoted scalar means under go-yaml v3's implicit resolver (the reference parser of KYAML).</summary>
internal enum KyamlScalarKind : byte
{
    String = 0,
    Null = 1,
    True = 2,
    False = 3,
    Integer = 4,
    Float = 5,
    Merge = 6,
}
