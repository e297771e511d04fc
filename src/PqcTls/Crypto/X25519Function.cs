using Org.BouncyCastle.Math.EC.Rfc7748;

namespace PqcTls.Crypto;

/// <summary>The X25519 function of RFC 7748 section 5 (BouncyCastle's constant-time implementation).</summary>
internal static class X25519Function
{
    /// <summary>Length of a scalar, a u-coordinate and a result (RFC 7748 section 5: 32 bytes).</summary>
    public const int Length = 32;

    /// <summary>Computes X25519(k, 9), the public key of private scalar k.</summary>
    /// <param name="privateKey">The 32-byte scalar; it is clamped as RFC 7748 section 5 says.</param>
    /// <param name="publicKey">Receives the 32-byte u-coordinate.</param>
    public static void GetPublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey) =>
        X25519.ScalarMultBase(privateKey, publicKey);

    /// <summary>Computes X25519(k, u) without the all-zero check (the RFC 7748 test vectors need raw outputs).</summary>
    /// <param name="privateKey">The 32-byte scalar.</param>
    /// <param name="peerPublicKey">The 32-byte u-coordinate; its top bit is masked, not rejected.</param>
    /// <param name="result">Receives the 32-byte result.</param>
    public static void ScalarMultiply(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> result) =>
        X25519.ScalarMult(privateKey, peerPublicKey, result);

    /// <summary>
    /// Computes the shared secret and reports whether it is usable: an all-zero output (a low-order peer key) must be
    /// rejected (RFC 8446 section 7.4.2, RFC 7748 section 6.1).
    /// </summary>
    /// <param name="privateKey">The 32-byte scalar.</param>
    /// <param name="peerPublicKey">The peer's 32-byte u-coordinate.</param>
    /// <param name="sharedSecret">Receives the 32-byte result.</param>
    /// <returns><see langword="false"/> when the result is all zero.</returns>
    public static bool TryAgree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret) =>
        X25519.CalculateAgreement(privateKey, peerPublicKey, sharedSecret);
}
