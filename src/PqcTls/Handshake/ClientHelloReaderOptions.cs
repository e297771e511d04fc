using System.ComponentModel.DataAnnotations;

namespace PqcTls.Handshake;

/// <summary>Limits for <see cref="ClientHelloReader"/>: untrusted input never makes it buffer without bound.</summary>
public sealed class ClientHelloReaderOptions
{
    /// <summary>The largest handshake length the 24-bit length field can express.</summary>
    public const int MaxAllowedClientHelloLength = 0xFFFFFF;

    /// <summary>
    /// Gets or sets the longest ClientHello handshake message accepted, header included. Default 16384 bytes, which
    /// covers browsers' post-quantum hellos (about 1.7 to 2.1 KB) with room for large session tickets.
    /// </summary>
    [Range(64, MaxAllowedClientHelloLength)]
    public int MaxClientHelloLength { get; set; } = 16384;

    /// <summary>
    /// Gets or sets the time <see cref="ClientHelloReader.ReadAsync"/> waits for the whole ClientHello before it
    /// gives up (slow-loris protection). Default 10 seconds; <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the clock the timeout runs on. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
