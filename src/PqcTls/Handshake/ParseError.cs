namespace PqcTls.Handshake;

/// <summary>
/// A parse failure without allocation: the alert, the offset inside the message, and a constant message.
/// </summary>
internal readonly struct ParseError
{
    public ParseError(TlsAlertDescription alert, int offset, string message)
    {
        Alert = alert;
        Offset = offset;
        Message = message;
    }

    public TlsAlertDescription Alert { get; }

    public int Offset { get; }

    public string Message { get; }

    public PqcTlsException ToException(long wireOffset) =>
        new($"{Message} (at byte {wireOffset}).", Alert, wireOffset);
}
