using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace PqcTls.Crypto;

/// <summary>ECDH over NIST P-256 or P-384 (BouncyCastle's custom curve arithmetic), as TLS 1.3 uses it.</summary>
internal sealed class NistCurve
{
    /// <summary>The SEC 1 section 2.3.3 tag byte of an uncompressed point, the only form TLS 1.3 allows.</summary>
    public const byte UncompressedPointTag = 0x04;

    private static readonly FixedPointCombMultiplier s_baseMultiplier = new();

    private readonly X9ECParameters _curve;

    private NistCurve(string name, int fieldLength)
    {
        Name = name;
        FieldLength = fieldLength;
        _curve = CustomNamedCurves.GetByName(name);
    }

    /// <summary>P-256 (secp256r1): 32-byte scalars and coordinates, 65-byte points.</summary>
    public static NistCurve P256 { get; } = new("P-256", 32);

    /// <summary>P-384 (secp384r1): 48-byte scalars and coordinates, 97-byte points.</summary>
    public static NistCurve P384 { get; } = new("P-384", 48);

    /// <summary>Gets the curve name.</summary>
    public string Name { get; }

    /// <summary>Gets the length of a field element, a scalar and the ECDH shared secret (the x-coordinate).</summary>
    public int FieldLength { get; }

    /// <summary>Gets the length of an uncompressed point: 1 + 2 × field length (RFC 8446 section 4.2.8.2).</summary>
    public int PointLength => 1 + (2 * FieldLength);

    /// <summary>Gets a value that tells whether a big-endian scalar lies in [1, n - 1].</summary>
    /// <param name="privateKey">The scalar, <see cref="FieldLength"/> bytes.</param>
    /// <returns><see langword="true"/> when the scalar is a valid private key.</returns>
    public bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        var d = new BigInteger(1, privateKey);
        return d.SignValue > 0 && d.CompareTo(_curve.N) < 0;
    }

    /// <summary>Computes d × G as an uncompressed point.</summary>
    /// <param name="privateKey">The valid scalar.</param>
    /// <param name="publicKey">Receives <see cref="PointLength"/> bytes.</param>
    public void GetPublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        ECPoint q = s_baseMultiplier.Multiply(_curve.G, new BigInteger(1, privateKey)).Normalize();
        q.GetEncoded(false).CopyTo(publicKey);
    }

    /// <summary>
    /// Validates the peer point (uncompressed form, coordinates below p, on the curve, not infinity: SP 800-56A
    /// full public key validation; the cofactor is 1) and computes the x-coordinate of d × Q.
    /// </summary>
    /// <param name="privateKey">The valid scalar.</param>
    /// <param name="peerPublicKey">The peer's point, <see cref="PointLength"/> bytes.</param>
    /// <param name="sharedSecret">Receives <see cref="FieldLength"/> bytes.</param>
    /// <param name="error">Why the point was rejected, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the peer point was valid.</returns>
    public bool TryAgree(
        ReadOnlySpan<byte> privateKey,
        ReadOnlySpan<byte> peerPublicKey,
        Span<byte> sharedSecret,
        out string? error)
    {
        if (peerPublicKey.Length != PointLength || peerPublicKey[0] != UncompressedPointTag)
        {
            error = $"a {PointLength}-byte uncompressed {Name} point starting with 0x04 was expected";
            return false;
        }

        ECPoint peer;
        try
        {
            peer = _curve.Curve.DecodePoint(peerPublicKey.ToArray());
        }
        catch (ArgumentException)
        {
            error = $"the {Name} point is not on the curve or has a coordinate not below p";
            return false;
        }

        ECPoint product = peer.Multiply(new BigInteger(1, privateKey)).Normalize();
        if (product.IsInfinity)
        {
            error = $"the {Name} shared point is the point at infinity";
            return false;
        }

        byte[] x = product.AffineXCoord.GetEncoded();
        x.CopyTo(sharedSecret);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(x);
        error = null;
        return true;
    }
}
