namespace PqcTls.Probing;

/// <summary>Settings of <see cref="FragmentationTester"/>.</summary>
public sealed class FragmentationTesterOptions
{
    /// <summary>Gets or sets the host name for server_name, or <see langword="null"/>.</summary>
    public string? ServerName { get; set; }

    /// <summary>
    /// Gets or sets a value that tells whether to split at every byte offset of every region (about 1.6 k cases) rather
    /// than at every offset of the record and handshake headers and sampled offsets elsewhere (about 50 cases).
    /// </summary>
    public bool Full { get; set; }

    /// <summary>
    /// Gets the groups offered. The first gets a key share (when it is X25519MLKEM768, the cases split inside it), and
    /// so does the second when it is x25519 or secp256r1, as OpenSSL 3.5 and browsers do.
    /// </summary>
    public IList<TlsNamedGroup> Groups { get; } =
        new List<TlsNamedGroup> { TlsNamedGroup.X25519MLKem768, TlsNamedGroup.X25519 };

    /// <summary>Gets or sets how long to wait for each step (connect, each send, the answer). Default 3 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Gets or sets the pause after each segment is acknowledged, before the next is sent, so that a server's read
    /// returns the segments one by one. Default 20 ms.
    /// </summary>
    public TimeSpan SegmentGap { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Gets the pauses used by the delay cases. Default 100 ms and 500 ms.</summary>
    public IList<TimeSpan> Delays { get; } =
        new List<TimeSpan> { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500) };

    /// <summary>Gets or sets the clock for pauses and timeouts. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
