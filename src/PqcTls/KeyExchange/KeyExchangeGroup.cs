using System.Diagnostics.CodeAnalysis;
using PqcTls.Crypto;
using PqcTls.KeyExchange;

namespace PqcTls;

/// <summary>
/// The key exchange of one TLS 1.3 named group: the client's key share, the server's response (encapsulation for
/// ML-KEM, ECDH for the classical part) and the shared secret that TLS 1.3 feeds into HKDF-Extract.
/// </summary>
/// <remarks>
/// <para>
/// One immutable, thread-safe instance exists per supported group; get it with <see cref="Get"/>. The hybrids follow
/// draft-ietf-tls-ecdhe-mlkem: X25519MLKEM768 puts the ML-KEM part first in the client share, the server share and
/// the secret; SecP256r1MLKEM768 and SecP384r1MLKEM1024 put the ECDH part first.
/// </para>
/// <para>
/// ML-KEM runs on .NET's <c>System.Security.Cryptography.MLKem</c> where <c>MLKem.IsSupported</c> is true and on
/// BouncyCastle otherwise; ECDH runs on BouncyCastle.
/// </para>
/// </remarks>
public abstract class KeyExchangeGroup
{
    private static readonly KeyExchangeGroup[] s_groups = CreateGroups(MLKemBackend.Default);

    private protected KeyExchangeGroup()
    {
    }

    /// <summary>Gets the group's code point.</summary>
    public abstract TlsNamedGroup Group { get; }

    /// <summary>Gets the exact length of the client's <c>key_exchange</c> bytes (1216 for X25519MLKEM768).</summary>
    public abstract int ClientShareLength { get; }

    /// <summary>Gets the exact length of the server's <c>key_exchange</c> bytes (1120 for X25519MLKEM768).</summary>
    public abstract int ServerShareLength { get; }

    /// <summary>Gets the length of the shared secret, for example 64 for X25519MLKEM768.</summary>
    public abstract int SharedSecretLength { get; }

    /// <summary>Gets the key exchange of a group.</summary>
    /// <param name="group">The group code point.</param>
    /// <returns>The shared instance for the group.</returns>
    /// <exception cref="NotSupportedException">
    /// The group cannot be computed by this package (see <see cref="TlsNamedGroups.IsSupported"/>), for example
    /// X25519Kyber768Draft00, which is Kyber round 3 rather than ML-KEM.
    /// </exception>
    public static KeyExchangeGroup Get(TlsNamedGroup group)
    {
        if (!TryGet(group, out KeyExchangeGroup? keyExchange))
        {
            KeyExchangeThrowHelper.ThrowUnsupportedGroup(group);
        }

        return keyExchange;
    }

    /// <summary>Gets the key exchange of a group when this package supports it.</summary>
    /// <param name="group">The group code point.</param>
    /// <param name="keyExchange">The shared instance, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the group is supported.</returns>
    public static bool TryGet(TlsNamedGroup group, [NotNullWhen(true)] out KeyExchangeGroup? keyExchange)
    {
        keyExchange = Find(s_groups, group);
        return keyExchange is not null;
    }

    /// <summary>Generates a fresh client key share (the client's side, before the ClientHello is sent).</summary>
    /// <returns>The share; dispose it once the shared secret is derived or the handshake is abandoned.</returns>
    public abstract KeyExchangeClientShare GenerateClientShare();

    /// <summary>
    /// Runs the server's side: validates the client's share, then encapsulates (ML-KEM) and runs ECDH with a fresh
    /// ephemeral key.
    /// </summary>
    /// <param name="clientShare">The <c>key_exchange</c> bytes of the client's KeyShareEntry for this group.</param>
    /// <returns>The server's share and the shared secret; dispose it to zero the secret.</returns>
    /// <exception cref="PqcTlsException">
    /// The share has the wrong length, its ML-KEM encapsulation key fails the FIPS 203 section 7.2 modulus check, its
    /// ECDH point is invalid, or its X25519 key gives an all-zero secret. <see cref="PqcTlsException.Alert"/> is
    /// illegal_parameter and <see cref="PqcTlsException.ByteOffset"/> points into the share.
    /// </exception>
    public abstract KeyExchangeServerResult Encapsulate(ReadOnlySpan<byte> clientShare);

    /// <inheritdoc/>
    public override string ToString() => TlsNamedGroups.GetName(Group);

    internal static KeyExchangeGroup[] CreateGroups(MLKemBackend backend)
    {
        var mlKem768 = new MLKemComponent(MLKemParameterSet.MLKem768, backend);
        var mlKem1024 = new MLKemComponent(MLKemParameterSet.MLKem1024, backend);
        return
        [
            new CompositeKeyExchangeGroup(TlsNamedGroup.X25519, X25519Component.Instance),
            new CompositeKeyExchangeGroup(TlsNamedGroup.Secp256r1, NistEcdhComponent.P256),
            new CompositeKeyExchangeGroup(TlsNamedGroup.Secp384r1, NistEcdhComponent.P384),
            new CompositeKeyExchangeGroup(TlsNamedGroup.X25519MLKem768, mlKem768, X25519Component.Instance),
            new CompositeKeyExchangeGroup(TlsNamedGroup.SecP256r1MLKem768, NistEcdhComponent.P256, mlKem768),
            new CompositeKeyExchangeGroup(TlsNamedGroup.SecP384r1MLKem1024, NistEcdhComponent.P384, mlKem1024),
        ];
    }

    internal static KeyExchangeGroup? Find(KeyExchangeGroup[] groups, TlsNamedGroup group)
    {
        foreach (KeyExchangeGroup candidate in groups)
        {
            if (candidate.Group == group)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Deterministic client side for test vectors: the components' fixed randomness, concatenated.</summary>
    internal abstract KeyExchangeClientShare GenerateClientShare(ReadOnlySpan<byte> seeds);

    /// <summary>Deterministic server side for test vectors: the components' fixed randomness, concatenated.</summary>
    internal abstract KeyExchangeServerResult Encapsulate(ReadOnlySpan<byte> clientShare, ReadOnlySpan<byte> seeds);
}
