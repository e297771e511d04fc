namespace PqcTls.Probing;

/// <summary>How a server answered one fragmented ClientHello.</summary>
public enum FragmentationOutcome
{
    /// <summary>The server answered with a ServerHello or HelloRetryRequest: it reassembled the hello.</summary>
    Completed,

    /// <summary>The server sent an alert (see <see cref="FragmentationCaseResult.Alert"/>).</summary>
    Alert,

    /// <summary>The server reset the connection.</summary>
    Reset,

    /// <summary>The server closed the connection without sending anything.</summary>
    Closed,

    /// <summary>The server sent nothing within the timeout.</summary>
    Timeout,

    /// <summary>
    /// The server answered with bytes that are neither a ServerHello or HelloRetryRequest record nor an alert record
    /// (not TLS at all, or a broken record header).
    /// </summary>
    Invalid,
}
