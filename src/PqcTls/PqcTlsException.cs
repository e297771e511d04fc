namespace PqcTls;

/// <summary>
/// The error raised by this package for malformed or unacceptable TLS input, failed key exchanges and
/// peers that misbehave. It carries the TLS alert that matches the fault and, when known, the byte offset
/// in the input where the fault was found.
/// </summary>
public sealed class PqcTlsException : Exception
{
    /// <summary>Creates an exception with a message only.</summary>
    public PqcTlsException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public PqcTlsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="innerException">The underlying failure.</param>
    public PqcTlsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Creates an exception with the alert that matches the fault and the byte offset where it was found.
    /// </summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="alert">The TLS alert a conforming peer sends for this fault, or <see langword="null"/>.</param>
    /// <param name="byteOffset">The offset of the offending byte in the input, or <see langword="null"/>.</param>
    /// <param name="innerException">The underlying failure, or <see langword="null"/>.</param>
    public PqcTlsException(string message, TlsAlertDescription? alert, long? byteOffset, Exception? innerException = null)
        : base(message, innerException)
    {
        Alert = alert;
        ByteOffset = byteOffset;
    }

    /// <summary>Gets the TLS alert that matches the fault, or <see langword="null"/> when no alert applies.</summary>
    public TlsAlertDescription? Alert { get; }

    /// <summary>Gets the offset of the offending byte in the input, or <see langword="null"/> when not known.</summary>
    public long? ByteOffset { get; }
}
