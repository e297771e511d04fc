namespace PqcTls.Handshake;

/// <summary>Extension code points used by this package (RFC 8446 section 4.2 and the IANA registry).</summary>
internal static class TlsExtensionType
{
    public const ushort ServerName = 0;
    public const ushort SupportedGroups = 10;
    public const ushort SignatureAlgorithms = 13;
    public const ushort ApplicationLayerProtocolNegotiation = 16;
    public const ushort Padding = 21;
    public const ushort PreSharedKey = 41;
    public const ushort SupportedVersions = 43;
    public const ushort Cookie = 44;
    public const ushort PskKeyExchangeModes = 45;
    public const ushort KeyShare = 51;

    /// <summary>True for the reserved GREASE values 0x0A0A, 0x1A1A, ..., 0xFAFA (RFC 8701).</summary>
    public static bool IsGrease(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
}
