namespace PqcTls.Handshake;

/// <summary>What a <see cref="HandshakeCheck"/> found out about a server.</summary>
public sealed class HandshakeCheckResult
{
    internal HandshakeCheckResult()
    {
    }

    /// <summary>
    /// Gets the group the server selected in its ServerHello, or <see langword="null"/> when it sent none.
    /// </summary>
    public TlsNamedGroup? NegotiatedGroup { get; internal init; }

    /// <summary>Gets a value that tells whether the negotiated group is a post-quantum hybrid.</summary>
    public bool IsHybrid => NegotiatedGroup is { } group && TlsNamedGroups.IsHybrid(group);

    /// <summary>
    /// Gets a value that tells whether the server answered the first ClientHello with a HelloRetryRequest.
    /// </summary>
    public bool HelloRetryRequested { get; internal init; }

    /// <summary>Gets the group the HelloRetryRequest asked for, or <see langword="null"/>.</summary>
    public TlsNamedGroup? HelloRetryGroup { get; internal init; }

    /// <summary>Gets the selected cipher suite code point (0 when none).</summary>
    public ushort CipherSuite { get; internal init; }

    /// <summary>
    /// Gets a value that tells whether the shared secret was proven right: the server's EncryptedExtensions
    /// decrypted and authenticated under keys derived from it.
    /// </summary>
    public bool SecretVerified { get; internal init; }

    /// <summary>Gets the alert the server sent instead of a ServerHello, or <see langword="null"/>.</summary>
    public TlsAlertDescription? ServerAlert { get; internal init; }

    /// <summary>Gets a one-line reason when the check did not verify the secret, or <see langword="null"/>.</summary>
    public string? Failure { get; internal init; }

    /// <summary>Gets the length of the first ClientHello on the wire (record header included).</summary>
    public int ClientHelloLength { get; internal init; }
}
