namespace PqcTls.Records;

/// <summary>The content type byte of a TLS record (RFC 8446 section 5.1).</summary>
public enum TlsContentType : byte
{
    /// <summary>change_cipher_spec (20): only the one-byte compatibility record in TLS 1.3.</summary>
    ChangeCipherSpec = 20,

    /// <summary>alert (21).</summary>
    Alert = 21,

    /// <summary>handshake (22).</summary>
    Handshake = 22,

    /// <summary>application_data (23): also the outer type of every protected TLS 1.3 record.</summary>
    ApplicationData = 23,
}
