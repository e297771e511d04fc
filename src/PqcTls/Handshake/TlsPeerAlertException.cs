namespace PqcTls.Handshake;

/// <summary>Internal signal: the peer sent an alert record (or closed) instead of the expected message.</summary>
internal sealed class TlsPeerAlertException : Exception
{
    public TlsPeerAlertException()
    {
    }

    public TlsPeerAlertException(string message)
        : base(message)
    {
    }

    public TlsPeerAlertException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TlsPeerAlertException(TlsAlertDescription? alert, long offset)
        : base(alert is { } a ? $"The peer sent alert {a} ({(byte)a}) at byte {offset}."
            : $"The peer closed the connection after {offset} bytes.")
    {
        Alert = alert;
    }

    /// <summary>The alert, or <see langword="null"/> when the peer closed without one.</summary>
    public TlsAlertDescription? Alert { get; }
}
