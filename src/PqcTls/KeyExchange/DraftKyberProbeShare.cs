using System.Security.Cryptography;
using PqcTls.Crypto;

namespace PqcTls.KeyExchange;

/// <summary>
/// A well-formed X25519Kyber768Draft00 (0x6399) client share for probing servers that only know the obsolete draft.
/// </summary>
/// <remarks>
/// The draft (draft-tls-westerbaan-xyber768d00) puts the X25519 key first: X25519 public key (32) ‖ Kyber768 round 3
/// public key (1184) = 1216 bytes. A Kyber768 round 3 public key is encoded exactly like an ML-KEM-768 encapsulation
/// key (ByteEncode12 of t-hat ‖ rho), and servers such as Go 1.23 run the same modulus check on it, so random bytes
/// would be refused while an ML-KEM-768 key is accepted. The server's answer cannot be decapsulated (Kyber round 3
/// derives its secret differently from ML-KEM); the share only tells whether the server selects 0x6399.
/// </remarks>
internal static class DraftKyberProbeShare
{
    /// <summary>X25519 public key (32) plus the Kyber768 public key (1184).</summary>
    public const int Length = X25519Function.Length + KeyExchangeSizes.MLKem768EncapsulationKey;

    /// <summary>Creates a fresh share; its private keys are discarded at once.</summary>
    /// <returns>The 1216 <c>key_exchange</c> bytes.</returns>
    public static byte[] Create()
    {
        var share = new byte[Length];
        Span<byte> secret = stackalloc byte[MLKemParameterSet.SeedLength];
        try
        {
            RandomNumberGenerator.Fill(secret[..X25519Function.Length]);
            X25519Function.GetPublicKey(secret[..X25519Function.Length], share.AsSpan(0, X25519Function.Length));

            RandomNumberGenerator.Fill(secret);
            using MLKemPrivateKey key = MLKemBackend.Default.GenerateKey(MLKemParameterSet.MLKem768, secret);
            key.ExportEncapsulationKey(share.AsSpan(X25519Function.Length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        return share;
    }
}
