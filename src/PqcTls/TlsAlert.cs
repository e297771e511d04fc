namespace PqcTls;

/// <summary>
/// TLS alert descriptions (RFC 8446 section 6, plus the RFC 8446 registry values that TLS 1.3 peers still send).
/// </summary>
public enum TlsAlertDescription : byte
{
    /// <summary>close_notify (0): the sender will send no more messages.</summary>
    CloseNotify = 0,

    /// <summary>unexpected_message (10): an inappropriate message, such as an interleaved record type.</summary>
    UnexpectedMessage = 10,

    /// <summary>bad_record_mac (20): a record could not be deprotected.</summary>
    BadRecordMac = 20,

    /// <summary>record_overflow (22): a record was longer than the protocol allows.</summary>
    RecordOverflow = 22,

    /// <summary>handshake_failure (40): no acceptable set of security parameters.</summary>
    HandshakeFailure = 40,

    /// <summary>bad_certificate (42).</summary>
    BadCertificate = 42,

    /// <summary>unsupported_certificate (43).</summary>
    UnsupportedCertificate = 43,

    /// <summary>certificate_revoked (44).</summary>
    CertificateRevoked = 44,

    /// <summary>certificate_expired (45).</summary>
    CertificateExpired = 45,

    /// <summary>certificate_unknown (46).</summary>
    CertificateUnknown = 46,

    /// <summary>illegal_parameter (47): a field was out of range or inconsistent with other fields.</summary>
    IllegalParameter = 47,

    /// <summary>unknown_ca (48).</summary>
    UnknownCA = 48,

    /// <summary>access_denied (49).</summary>
    AccessDenied = 49,

    /// <summary>decode_error (50): a message could not be decoded (a length out of range, a truncated field).</summary>
    DecodeError = 50,

    /// <summary>decrypt_error (51): a handshake cryptographic operation failed.</summary>
    DecryptError = 51,

    /// <summary>protocol_version (70): the protocol version is recognized but not supported.</summary>
    ProtocolVersion = 70,

    /// <summary>insufficient_security (71).</summary>
    InsufficientSecurity = 71,

    /// <summary>internal_error (80): an error unrelated to the peer or the protocol.</summary>
    InternalError = 80,

    /// <summary>inappropriate_fallback (86).</summary>
    InappropriateFallback = 86,

    /// <summary>user_canceled (90).</summary>
    UserCanceled = 90,

    /// <summary>missing_extension (109): a mandatory extension was not sent.</summary>
    MissingExtension = 109,

    /// <summary>unsupported_extension (110): an extension that was not offered or is not allowed here.</summary>
    UnsupportedExtension = 110,

    /// <summary>unrecognized_name (112): no server exists for the name in server_name.</summary>
    UnrecognizedName = 112,

    /// <summary>bad_certificate_status_response (113).</summary>
    BadCertificateStatusResponse = 113,

    /// <summary>unknown_psk_identity (115).</summary>
    UnknownPskIdentity = 115,

    /// <summary>certificate_required (116).</summary>
    CertificateRequired = 116,

    /// <summary>no_application_protocol (120): no ALPN protocol in common.</summary>
    NoApplicationProtocol = 120,
}
