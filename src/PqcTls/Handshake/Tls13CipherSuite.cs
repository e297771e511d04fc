using System.Security.Cryptography;

namespace PqcTls.Handshake;

/// <summary>The three TLS 1.3 cipher suites the handshake check can decrypt with .NET's AEADs.</summary>
internal sealed class Tls13CipherSuite
{
    public static readonly Tls13CipherSuite Aes128GcmSha256 = new(0x1301, HashAlgorithmName.SHA256, 32, 16, chaCha: false);
    public static readonly Tls13CipherSuite Aes256GcmSha384 = new(0x1302, HashAlgorithmName.SHA384, 48, 32, chaCha: false);
    public static readonly Tls13CipherSuite ChaCha20Poly1305Sha256 = new(0x1303, HashAlgorithmName.SHA256, 32, 32,
        chaCha: true);

    private Tls13CipherSuite(ushort code, HashAlgorithmName hash, int hashLength, int keyLength, bool chaCha)
    {
        Code = code;
        Hash = hash;
        HashLength = hashLength;
        KeyLength = keyLength;
        IsChaCha = chaCha;
    }

    public ushort Code { get; }

    public HashAlgorithmName Hash { get; }

    public int HashLength { get; }

    public int KeyLength { get; }

    public bool IsChaCha { get; }

    public static Tls13CipherSuite? Find(ushort code) => code switch
    {
        0x1301 => Aes128GcmSha256,
        0x1302 => Aes256GcmSha384,
        0x1303 => ChaCha20Poly1305Sha256,
        _ => null,
    };

    public static string GetName(ushort code) => code switch
    {
        0x1301 => "TLS_AES_128_GCM_SHA256",
        0x1302 => "TLS_AES_256_GCM_SHA384",
        0x1303 => "TLS_CHACHA20_POLY1305_SHA256",
        _ => "0x" + code.ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Decrypts one record payload in place semantics: returns the plaintext or null when authentication fails.
    /// </summary>
    public byte[]? Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> header,
        ReadOnlySpan<byte> sealedPayload)
    {
        const int TagLength = 16;
        if (sealedPayload.Length < TagLength)
        {
            return null;
        }

        var plaintext = new byte[sealedPayload.Length - TagLength];
        try
        {
            if (IsChaCha)
            {
                using var aead = new ChaCha20Poly1305(key);
                aead.Decrypt(nonce, sealedPayload[..^TagLength], sealedPayload[^TagLength..], plaintext, header);
            }
            else
            {
                using var aead = new AesGcm(key, TagLength);
                aead.Decrypt(nonce, sealedPayload[..^TagLength], sealedPayload[^TagLength..], plaintext, header);
            }
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return plaintext;
    }
}
