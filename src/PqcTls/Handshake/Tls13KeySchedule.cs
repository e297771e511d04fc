using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PqcTls.Handshake;

/// <summary>
/// The part of the TLS 1.3 key schedule (RFC 8446 section 7.1) that leads to the server handshake traffic keys.
/// </summary>
internal static class Tls13KeySchedule
{
    /// <summary>HKDF-Expand-Label(secret, label, context, length).</summary>
    public static byte[] ExpandLabel(HashAlgorithmName hash, ReadOnlySpan<byte> secret, string label,
        ReadOnlySpan<byte> context, int length)
    {
        byte[] fullLabel = Encoding.ASCII.GetBytes("tls13 " + label);
        var info = new byte[2 + 1 + fullLabel.Length + 1 + context.Length];
        BinaryPrimitives.WriteUInt16BigEndian(info, (ushort)length);
        info[2] = (byte)fullLabel.Length;
        fullLabel.CopyTo(info, 3);
        info[3 + fullLabel.Length] = (byte)context.Length;
        context.CopyTo(info.AsSpan(4 + fullLabel.Length));
        var output = new byte[length];
        HKDF.Expand(hash, secret, output, info);
        return output;
    }

    /// <summary>Derive-Secret(secret, label, transcript hash).</summary>
    public static byte[] DeriveSecret(HashAlgorithmName hash, int hashLength, ReadOnlySpan<byte> secret,
        string label, ReadOnlySpan<byte> transcriptHash) =>
        ExpandLabel(hash, secret, label, transcriptHash, hashLength);

    /// <summary>
    /// Computes server_handshake_traffic_secret from the (EC)DHE input (the hybrid shared secret) and the transcript
    /// hash of ClientHello...ServerHello, without a PSK.
    /// </summary>
    public static byte[] ServerHandshakeTrafficSecret(Tls13CipherSuite suite, ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> transcriptHash)
    {
        HashAlgorithmName hash = suite.Hash;
        int n = suite.HashLength;
        byte[] early = HKDF.Extract(hash, new byte[n], new byte[n]);
        byte[] emptyHash = HashOf(hash, []);
        byte[] derived = DeriveSecret(hash, n, early, "derived", emptyHash);
        byte[] handshake = HKDF.Extract(hash, sharedSecret.ToArray(), derived);
        byte[] server = DeriveSecret(hash, n, handshake, "s hs traffic", transcriptHash);
        CryptographicOperations.ZeroMemory(handshake);
        return server;
    }

    /// <summary>The traffic key and IV for a traffic secret.</summary>
    public static (byte[] Key, byte[] Iv) TrafficKeys(Tls13CipherSuite suite, ReadOnlySpan<byte> trafficSecret) =>
        (ExpandLabel(suite.Hash, trafficSecret, "key", [], suite.KeyLength), ExpandLabel(suite.Hash, trafficSecret,
            "iv", [], 12));

    /// <summary>The per-record nonce: the IV XORed with the 64-bit sequence number, right-aligned.</summary>
    public static byte[] Nonce(ReadOnlySpan<byte> iv, ulong sequence)
    {
        byte[] nonce = iv.ToArray();
        for (int i = 0; i < 8; i++)
        {
            nonce[nonce.Length - 1 - i] ^= (byte)(sequence >> (8 * i));
        }

        return nonce;
    }

    public static byte[] HashOf(HashAlgorithmName hash, ReadOnlySpan<byte> data) =>
        hash == HashAlgorithmName.SHA384 ? SHA384.HashData(data) : SHA256.HashData(data);
}
