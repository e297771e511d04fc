namespace PqcTls;

/// <summary>
/// TLS 1.3 named groups (the <c>NamedGroup</c> code points of RFC 8446 section 4.2.7 and the IANA "TLS Supported
/// Groups" registry) that matter for post-quantum key exchange.
/// </summary>
/// <remarks>
/// Values outside this list can still be carried by casting the 16-bit code point; <see cref="TlsNamedGroups.GetName"/>
/// prints those as hexadecimal.
/// </remarks>
public enum TlsNamedGroup : ushort
{
    /// <summary>secp256r1 (NIST P-256) ECDHE, 0x0017.</summary>
    Secp256r1 = 0x0017,

    /// <summary>secp384r1 (NIST P-384) ECDHE, 0x0018.</summary>
    Secp384r1 = 0x0018,

    /// <summary>secp521r1 (NIST P-521) ECDHE, 0x0019. Recognized only.</summary>
    Secp521r1 = 0x0019,

    /// <summary>x25519 ECDHE (RFC 7748), 0x001D.</summary>
    X25519 = 0x001D,

    /// <summary>x448 ECDHE (RFC 7748), 0x001E. Recognized only.</summary>
    X448 = 0x001E,

    /// <summary>ffdhe2048 finite-field DHE (RFC 7919), 0x0100. Recognized only.</summary>
    Ffdhe2048 = 0x0100,

    /// <summary>ffdhe3072 finite-field DHE (RFC 7919), 0x0101. Recognized only.</summary>
    Ffdhe3072 = 0x0101,

    /// <summary>ffdhe4096 finite-field DHE (RFC 7919), 0x0102. Recognized only.</summary>
    Ffdhe4096 = 0x0102,

    /// <summary>ffdhe6144 finite-field DHE (RFC 7919), 0x0103. Recognized only.</summary>
    Ffdhe6144 = 0x0103,

    /// <summary>ffdhe8192 finite-field DHE (RFC 7919), 0x0104. Recognized only.</summary>
    Ffdhe8192 = 0x0104,

    /// <summary>Pure ML-KEM-512 (draft-ietf-tls-mlkem), 0x0200. Recognized only.</summary>
    MLKem512 = 0x0200,

    /// <summary>Pure ML-KEM-768 (draft-ietf-tls-mlkem), 0x0201. Recognized only.</summary>
    MLKem768 = 0x0201,

    /// <summary>Pure ML-KEM-1024 (draft-ietf-tls-mlkem), 0x0202. Recognized only.</summary>
    MLKem1024 = 0x0202,

    /// <summary>SecP256r1MLKEM768 hybrid (draft-ietf-tls-ecdhe-mlkem), 0x11EB: P-256 part first.</summary>
    SecP256r1MLKem768 = 0x11EB,

    /// <summary>X25519MLKEM768 hybrid (draft-ietf-tls-ecdhe-mlkem), 0x11EC: ML-KEM-768 part first.</summary>
    X25519MLKem768 = 0x11EC,

    /// <summary>SecP384r1MLKEM1024 hybrid (draft-ietf-tls-ecdhe-mlkem), 0x11ED: P-384 part first.</summary>
    SecP384r1MLKem1024 = 0x11ED,

    /// <summary>curveSM2MLKEM768 hybrid, 0x11EE. Recognized only.</summary>
    CurveSM2MLKem768 = 0x11EE,

    /// <summary>
    /// X25519Kyber768Draft00, 0x6399: the obsolete hybrid with Kyber round 3 (not ML-KEM). Recognized only; it
    /// cannot be computed by an ML-KEM implementation.
    /// </summary>
    X25519Kyber768Draft00 = 0x6399,

    /// <summary>SecP256r1Kyber768Draft00, 0x639A: obsolete Kyber round 3 hybrid. Recognized only.</summary>
    SecP256r1Kyber768Draft00 = 0x639A,
}
