namespace Kyaml;

/// <summary>How a scalar the reader returned was written, which decides how its raw bytes are decoded.</summary>
internal enum KyamlScalarStyle : byte
{
    Plain = 0,
    SingleQuoted = 1,
    DoubleQuoted = 2,
}
