namespace PqcTls.Handshake;

/// <summary>Handshake message types used by this package (RFC 8446 section 4).</summary>
internal static class TlsHandshakeType
{
    public const byte ClientHello = 1;
    public const byte ServerHello = 2;
    public const byte NewSessionTicket = 4;
    public const byte EncryptedExtensions = 8;
    public const byte Certificate = 11;
    public const byte CertificateVerify = 15;
    public const byte Finished = 20;
    public const byte MessageHash = 254;

    /// <summary>Length of a handshake header: msg_type (1) and a 24-bit length.</summary>
    public const int HeaderLength = 4;
}
