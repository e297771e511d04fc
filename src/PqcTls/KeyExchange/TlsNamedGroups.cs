using System.Globalization;

namespace PqcTls;

/// <summary>Facts about <see cref="TlsNamedGroup"/> values: IANA names, hybrid and post-quantum status, support.</summary>
public static class TlsNamedGroups
{
    /// <summary>Gets the IANA registry name of a group, for example <c>X25519MLKEM768</c> or <c>x25519</c>.</summary>
    /// <param name="group">The group code point.</param>
    /// <returns>The IANA name, or <c>0x</c> and four hex digits for a code point this package does not know.</returns>
    public static string GetName(TlsNamedGroup group) => group switch
    {
        TlsNamedGroup.Secp256r1 => "secp256r1",
        TlsNamedGroup.Secp384r1 => "secp384r1",
        TlsNamedGroup.Secp521r1 => "secp521r1",
        TlsNamedGroup.X25519 => "x25519",
        TlsNamedGroup.X448 => "x448",
        TlsNamedGroup.Ffdhe2048 => "ffdhe2048",
        TlsNamedGroup.Ffdhe3072 => "ffdhe3072",
        TlsNamedGroup.Ffdhe4096 => "ffdhe4096",
        TlsNamedGroup.Ffdhe6144 => "ffdhe6144",
        TlsNamedGroup.Ffdhe8192 => "ffdhe8192",
        TlsNamedGroup.MLKem512 => "MLKEM512",
        TlsNamedGroup.MLKem768 => "MLKEM768",
        TlsNamedGroup.MLKem1024 => "MLKEM1024",
        TlsNamedGroup.SecP256r1MLKem768 => "SecP256r1MLKEM768",
        TlsNamedGroup.X25519MLKem768 => "X25519MLKEM768",
        TlsNamedGroup.SecP384r1MLKem1024 => "SecP384r1MLKEM1024",
        TlsNamedGroup.CurveSM2MLKem768 => "curveSM2MLKEM768",
        TlsNamedGroup.X25519Kyber768Draft00 => "X25519Kyber768Draft00",
        TlsNamedGroup.SecP256r1Kyber768Draft00 => "SecP256r1Kyber768Draft00",
        _ => "0x" + ((ushort)group).ToString("X4", CultureInfo.InvariantCulture),
    };

    /// <summary>Gets a value that tells whether the group combines a post-quantum KEM with classical ECDH.</summary>
    /// <param name="group">The group code point.</param>
    /// <returns><see langword="true"/> for the ML-KEM and Kyber draft hybrids.</returns>
    public static bool IsHybrid(TlsNamedGroup group) => group is TlsNamedGroup.SecP256r1MLKem768
        or TlsNamedGroup.X25519MLKem768
        or TlsNamedGroup.SecP384r1MLKem1024
        or TlsNamedGroup.CurveSM2MLKem768
        or TlsNamedGroup.X25519Kyber768Draft00
        or TlsNamedGroup.SecP256r1Kyber768Draft00;

    /// <summary>
    /// Gets a value that tells whether the group resists a quantum attacker (a hybrid or pure ML-KEM group).
    /// </summary>
    /// <param name="group">The group code point.</param>
    /// <returns><see langword="true"/> for hybrids and pure ML-KEM groups.</returns>
    public static bool IsPostQuantum(TlsNamedGroup group) => IsHybrid(group)
        || group is TlsNamedGroup.MLKem512 or TlsNamedGroup.MLKem768 or TlsNamedGroup.MLKem1024;

    /// <summary>Gets a value that tells whether this package can compute key exchanges for the group.</summary>
    /// <param name="group">The group code point.</param>
    /// <returns>
    /// <see langword="true"/> for x25519, secp256r1, secp384r1, X25519MLKEM768, SecP256r1MLKEM768 and SecP384r1MLKEM1024.
    /// </returns>
    public static bool IsSupported(TlsNamedGroup group) => group is TlsNamedGroup.X25519
        or TlsNamedGroup.Secp256r1
        or TlsNamedGroup.Secp384r1
        or TlsNamedGroup.X25519MLKem768
        or TlsNamedGroup.SecP256r1MLKem768
        or TlsNamedGroup.SecP384r1MLKem1024;
}
