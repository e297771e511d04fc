using System.Diagnostics.CodeAnalysis;

namespace Kyaml;

/// <summary>The kind of token that <see cref="Utf8KyamlReader"/> has just read.</summary>
public enum KyamlTokenType : byte
{
    /// <summary>Nothing has been read yet.</summary>
    None = 0,

    /// <summary>The start of a document: a <c>---</c> marker, or the first content of a stream that has none.</summary>
    StartDocument = 1,

    /// <summary>The end of a document: the next <c>---</c>, a <c>...</c> marker or the end of the input.</summary>
    EndDocument = 2,

    /// <summary>The opening <c>{</c> of a mapping.</summary>
    StartMapping = 3,

    /// <summary>The closing <c>}</c> of a mapping.</summary>
    EndMapping = 4,

    /// <summary>The opening <c>[</c> of a sequence.</summary>
    StartSequence = 5,

    /// <summary>The closing <c>]</c> of a sequence.</summary>
    EndSequence = 6,

    /// <summary>A mapping key; the value span holds the key text without quotes (still escaped).</summary>
    PropertyName = 7,

    /// <summary>A string value; the value span holds the text without quotes (still escaped).</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Mirrors JsonTokenType.String.")]
    String = 8,

    /// <summary>A number (an integer or floating-point scalar), exactly as written.</summary>
    Number = 9,

    /// <summary>A true boolean (<c>true</c>, <c>True</c> or <c>TRUE</c>).</summary>
    True = 10,

    /// <summary>A false boolean (<c>false</c>, <c>False</c> or <c>FALSE</c>).</summary>
    False = 11,

    /// <summary>A null: <c>null</c>, <c>Null</c>, <c>NULL</c>, <c>~</c> or an empty value (an empty value span).</summary>
    Null = 12,

    /// <summary>A comment; the value span holds the text after <c>#</c> up to the end of the line.</summary>
    Comment = 13,
}
