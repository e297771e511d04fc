namespace PqcTls.Handshake;

/// <summary>What <see cref="HandshakeCheck"/> offers and how long it waits.</summary>
public sealed class HandshakeCheckOptions
{
    /// <summary>Gets or sets the host name for server_name, or <see langword="null"/> to send none.</summary>
    public string? ServerName { get; set; }

    /// <summary>Gets the groups listed in supported_groups, most preferred first.</summary>
    public IList<TlsNamedGroup> SupportedGroups { get; } = new List<TlsNamedGroup>
    {
        TlsNamedGroup.X25519MLKem768,
        TlsNamedGroup.X25519,
        TlsNamedGroup.Secp256r1,
    };

    /// <summary>
    /// Gets the groups that get a key share in the first ClientHello (a subset of <see cref="SupportedGroups"/>).
    /// X25519Kyber768Draft00 gets a well-formed share: enough to see whether a server picks it, not to finish.
    /// </summary>
    public IList<TlsNamedGroup> KeyShareGroups { get; } = new List<TlsNamedGroup> { TlsNamedGroup.X25519MLKem768 };

    /// <summary>Gets the ALPN protocols to offer.</summary>
    public IList<string> ApplicationProtocols { get; } = new List<string>();

    /// <summary>Gets or sets a value that tells whether the ClientHello carries GREASE values (RFC 8701).</summary>
    public bool UseGrease { get; set; }

    /// <summary>Gets or sets the handshake length to pad the ClientHello to (RFC 7685); 0 for no padding.</summary>
    public int PadToLength { get; set; }

    /// <summary>
    /// Gets or sets the time allowed for each network step (connect, each write, each read). Default 5 s.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the clock for the timeouts. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
