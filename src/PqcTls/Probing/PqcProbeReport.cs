namespace PqcTls.Probing;

/// <summary>What <see cref="PqcProbe"/> found out about a server's post-quantum readiness.</summary>
public sealed class PqcProbeReport
{
    internal PqcProbeReport()
    {
    }

    /// <summary>Gets the endpoint probed, as <c>host:port</c>.</summary>
    public required string Target { get; init; }

    /// <summary>
    /// Gets the check a modern client makes (X25519MLKEM768, x25519 and secp256r1 offered, shares for
    /// X25519MLKEM768 and x25519), or <see langword="null"/> when it failed (see <see cref="Error"/>).
    /// </summary>
    public HandshakeCheckSummary? Default { get; init; }

    /// <summary>Gets the check with a classical-only key share (x25519) while offering X25519MLKEM768 too.</summary>
    public HandshakeCheckSummary? ClassicalOffer { get; init; }

    /// <summary>Gets the check that offers only the obsolete X25519Kyber768Draft00 (0x6399) and x25519.</summary>
    public HandshakeCheckSummary? DraftKyberOffer { get; init; }

    /// <summary>Gets one check per ML-KEM hybrid, each offered alone.</summary>
    public IReadOnlyList<HandshakeCheckSummary> Hybrids { get; init; } = [];

    /// <summary>Gets the fragmentation results, or <see langword="null"/> when not run.</summary>
    public FragmentationReport? Fragmentation { get; init; }

    /// <summary>Gets the group negotiated by the default check, or <see langword="null"/>.</summary>
    public TlsNamedGroup? NegotiatedGroup => Default?.NegotiatedGroup;

    /// <summary>Gets a value that tells whether the default check negotiated a post-quantum hybrid.</summary>
    public bool Hybrid => NegotiatedGroup is { } g && TlsNamedGroups.IsHybrid(g);

    /// <summary>Gets a value that tells whether the default check proved the shared secret.</summary>
    public bool SecretVerified => Default?.SecretVerified == true;

    /// <summary>
    /// Gets a value that tells whether the server answers a classical-only share with a HelloRetryRequest to a
    /// hybrid.
    /// </summary>
    public bool HelloRetryToHybrid => ClassicalOffer is { HelloRetryGroup: { } g } && TlsNamedGroups.IsHybrid(g);

    /// <summary>Gets a value that tells whether the server selects X25519Kyber768Draft00 when it is offered.</summary>
    public bool AcceptsDraftKyber => DraftKyberOffer?.NegotiatedGroup == TlsNamedGroup.X25519Kyber768Draft00;

    /// <summary>
    /// Gets a value that tells whether the server knows only the draft Kyber code point: it selects 0x6399 but no
    /// ML-KEM hybrid. Modern clients then silently fall back to classical key exchange.
    /// </summary>
    public bool DraftKyberOnly => AcceptsDraftKyber && !Hybrids.Any(h => h.SecretVerified);

    /// <summary>Gets the first error that stopped a check, or <see langword="null"/>.</summary>
    public string? Error { get; init; }
}
