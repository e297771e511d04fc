namespace PqcTls.Handshake;

/// <summary>What a TLS 1.3 ClientHello built by <see cref="ClientHelloBuilder"/> offers.</summary>
public sealed class ClientHelloOptions
{
    /// <summary>
    /// Gets or sets the host name sent in server_name (ASCII, A-label form), or <see langword="null"/> for none.
    /// </summary>
    public string? ServerName { get; set; }

    /// <summary>
    /// Gets the ALPN protocol names to offer, most preferred first (for example <c>h2</c>, <c>http/1.1</c>).
    /// </summary>
    public IList<string> ApplicationProtocols { get; } = new List<string>();

    /// <summary>
    /// Gets the groups listed in supported_groups, most preferred first. Every key share must name one of these,
    /// and the shares must follow this order (RFC 8446 section 4.2.8).
    /// </summary>
    public IList<TlsNamedGroup> SupportedGroups { get; } = new List<TlsNamedGroup>
    {
        TlsNamedGroup.X25519MLKem768,
        TlsNamedGroup.X25519,
        TlsNamedGroup.Secp256r1,
        TlsNamedGroup.Secp384r1,
    };

    /// <summary>
    /// Gets the TLS 1.3 cipher suites to offer (default: AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305).
    /// </summary>
    public IList<ushort> CipherSuites { get; } = new List<ushort> { 0x1301, 0x1302, 0x1303 };

    /// <summary>Gets the signature schemes listed in signature_algorithms.</summary>
    public IList<ushort> SignatureAlgorithms { get; } = new List<ushort>
    {
        0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0807,
    };

    /// <summary>
    /// Gets or sets a value that tells whether to add GREASE values (RFC 8701) to the lists and extensions.
    /// </summary>
    public bool UseGrease { get; set; }

    /// <summary>
    /// Gets or sets the handshake message length to pad up to with the padding extension (RFC 7685); 0 for no
    /// padding. A shorter message is padded to exactly this length, or to at most 3 bytes more when fewer than the
    /// extension's 4 header bytes are missing. A message already that long gets no padding.
    /// </summary>
    public int PadToLength { get; set; }

    /// <summary>Gets or sets the 32-byte random; empty means fresh random bytes.</summary>
    public ReadOnlyMemory<byte> Random { get; set; }

    /// <summary>
    /// Gets or sets the legacy_session_id (0 to 32 bytes); <see langword="null"/> means 32 fresh random bytes.
    /// </summary>
    public ReadOnlyMemory<byte>? SessionId { get; set; }

    /// <summary>Gets or sets the cookie to echo from a HelloRetryRequest; empty for none.</summary>
    public ReadOnlyMemory<byte> Cookie { get; set; }

    /// <summary>
    /// Gets or sets a value that tells whether to leave out the GREASE key share. A second ClientHello after a
    /// HelloRetryRequest must carry exactly one share, for the requested group (RFC 8446 section 4.1.2).
    /// </summary>
    internal bool OmitGreaseKeyShare { get; set; }
}
