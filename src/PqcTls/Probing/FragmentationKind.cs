namespace PqcTls.Probing;

/// <summary>What a fragmentation case varies.</summary>
public enum FragmentationKind
{
    /// <summary>The whole ClientHello in one record and one TCP segment.</summary>
    Control,

    /// <summary>One record split across TCP segments.</summary>
    TcpSegments,

    /// <summary>One record split across TCP segments with a pause between them.</summary>
    Delayed,

    /// <summary>The handshake message split across several TLS records (each record in its own segment).</summary>
    Records,
}
