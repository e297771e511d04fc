namespace Kyaml;

/// <summary>
/// The error thrown for KYAML or YAML input that cannot be read or converted, for structure that a writer
/// rejects, and for input that exceeds a configured limit.
/// </summary>
/// <remarks>
/// When the problem has a place in the input, <see cref="LineNumber"/> and <see cref="Column"/> (both 1-based,
/// columns counted in Unicode scalar values) and <see cref="BytePosition"/> (0-based UTF-8 byte offset) say where.
/// </remarks>
public sealed class KyamlException : Exception
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public KyamlException()
        : base("The KYAML operation failed.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public KyamlException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public KyamlException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance that carries the position of the problem.</summary>
    /// <param name="message">What was expected and what was found (without the position).</param>
    /// <param name="lineNumber">1-based line of the problem, or <see langword="null"/> when unknown.</param>
    /// <param name="column">1-based column of the problem, or <see langword="null"/> when unknown.</param>
    /// <param name="bytePosition">0-based byte offset of the problem, or <see langword="null"/> when unknown.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public KyamlException(
        string message, long? lineNumber, long? column, long? bytePosition, Exception? innerException = null)
        : base(message, innerException)
    {
        LineNumber = lineNumber;
        Column = column;
        BytePosition = bytePosition;
    }

    /// <summary>Gets the 1-based line of the problem, or <see langword="null"/> when it has no place in the input.</summary>
    public long? LineNumber { get; }

    /// <summary>Gets the 1-based column of the problem, or <see langword="null"/> when unknown.</summary>
    public long? Column { get; }

    /// <summary>Gets the 0-based UTF-8 byte offset of the problem, or <see langword="null"/> when unknown.</summary>
    public long? BytePosition { get; }

    /// <summary>Gets the kind of problem, for callers that react to some kinds (limits) differently.</summary>
    public KyamlErrorKind Kind { get; init; } = KyamlErrorKind.InvalidInput;
}
