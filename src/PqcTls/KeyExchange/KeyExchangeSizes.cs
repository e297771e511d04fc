namespace PqcTls.KeyExchange;

/// <summary>
/// Key share and shared secret sizes of the supported groups (bytes), from draft-ietf-tls-ecdhe-mlkem section 4,
/// FIPS 203 table 3, RFC 7748 section 5 and RFC 8446 section 4.2.8.2.
/// </summary>
internal static class KeyExchangeSizes
{
    /// <summary>ML-KEM-768 encapsulation key (FIPS 203 table 3).</summary>
    public const int MLKem768EncapsulationKey = 1184;

    /// <summary>ML-KEM-768 ciphertext (FIPS 203 table 3).</summary>
    public const int MLKem768Ciphertext = 1088;

    /// <summary>ML-KEM-1024 encapsulation key (FIPS 203 table 3).</summary>
    public const int MLKem1024EncapsulationKey = 1568;

    /// <summary>ML-KEM-1024 ciphertext (FIPS 203 table 3).</summary>
    public const int MLKem1024Ciphertext = 1568;

    /// <summary>ML-KEM shared secret, every parameter set (FIPS 203 section 7).</summary>
    public const int MLKemSharedSecret = 32;

    /// <summary>X25519 public key and shared secret (RFC 7748 section 5).</summary>
    public const int X25519 = 32;

    /// <summary>Uncompressed P-256 point: 0x04 ‖ x ‖ y (RFC 8446 section 4.2.8.2).</summary>
    public const int P256Point = 65;

    /// <summary>P-256 ECDH shared secret: the x-coordinate (RFC 8446 section 7.4.2).</summary>
    public const int P256Secret = 32;

    /// <summary>Uncompressed P-384 point.</summary>
    public const int P384Point = 97;

    /// <summary>P-384 ECDH shared secret: the x-coordinate.</summary>
    public const int P384Secret = 48;

    /// <summary>X25519MLKEM768 client share: ek ‖ X25519 public key (draft-ietf-tls-ecdhe-mlkem section 4).</summary>
    public const int X25519MLKem768ClientShare = MLKem768EncapsulationKey + X25519;

    /// <summary>X25519MLKEM768 server share: ciphertext ‖ X25519 public key.</summary>
    public const int X25519MLKem768ServerShare = MLKem768Ciphertext + X25519;

    /// <summary>X25519MLKEM768 shared secret: ML-KEM secret ‖ X25519 secret.</summary>
    public const int X25519MLKem768Secret = MLKemSharedSecret + X25519;

    /// <summary>SecP256r1MLKEM768 client share: P-256 point ‖ ek.</summary>
    public const int SecP256r1MLKem768ClientShare = P256Point + MLKem768EncapsulationKey;

    /// <summary>SecP256r1MLKEM768 server share: P-256 point ‖ ciphertext.</summary>
    public const int SecP256r1MLKem768ServerShare = P256Point + MLKem768Ciphertext;

    /// <summary>SecP256r1MLKEM768 shared secret: ECDH secret ‖ ML-KEM secret.</summary>
    public const int SecP256r1MLKem768Secret = P256Secret + MLKemSharedSecret;

    /// <summary>SecP384r1MLKEM1024 client share: P-384 point ‖ ML-KEM-1024 ek.</summary>
    public const int SecP384r1MLKem1024ClientShare = P384Point + MLKem1024EncapsulationKey;

    /// <summary>SecP384r1MLKEM1024 server share: P-384 point ‖ ML-KEM-1024 ciphertext.</summary>
    public const int SecP384r1MLKem1024ServerShare = P384Point + MLKem1024Ciphertext;

    /// <summary>SecP384r1MLKEM1024 shared secret: ECDH secret ‖ ML-KEM secret.</summary>
    public const int SecP384r1MLKem1024Secret = P384Secret + MLKemSharedSecret;
}
