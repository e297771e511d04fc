using System.Diagnostics.CodeAnalysis;

namespace PqcTls.KeyExchange;

/// <summary>Throws the key exchange's errors; kept out of line so the hot paths stay small.</summary>
internal static class KeyExchangeThrowHelper
{
    [DoesNotReturn]
    public static void ThrowShareLength(TlsNamedGroup group, bool isClientShare, int expected, int actual)
    {
        string share = isClientShare ? "client key share" : "server key share";

        // The draft names illegal_parameter for a wrong server share length; the same alert is used for the client share.
        throw new PqcTlsException(
            $"The {TlsNamedGroups.GetName(group)} {share} must be exactly {expected} bytes; found {actual}.",
            TlsAlertDescription.IllegalParameter,
            Math.Min(expected, actual));
    }

    [DoesNotReturn]
    public static void ThrowUnreducedEncapsulationKey(in KeyShareContext context, int offsetInKey)
    {
        throw new PqcTlsException(
            $"The ML-KEM encapsulation key in the {context.GroupName} {context.ShareName} fails the FIPS 203 " +
            $"section 7.2 modulus check: the 12-bit coefficient at byte {context.Offset + offsetInKey} is not below " +
            "q = 3329.",
            TlsAlertDescription.IllegalParameter,
            context.Offset + offsetInKey);
    }

    [DoesNotReturn]
    public static void ThrowInvalidEncapsulationKey(in KeyShareContext context, Exception inner)
    {
        throw new PqcTlsException(
            $"The ML-KEM encapsulation key in the {context.GroupName} {context.ShareName} was rejected: {inner.Message}",
            TlsAlertDescription.IllegalParameter,
            context.Offset,
            inner);
    }

    [DoesNotReturn]
    public static void ThrowAllZeroX25519(in KeyShareContext context)
    {
        throw new PqcTlsException(
            $"The X25519 public key in the {context.GroupName} {context.ShareName} (byte {context.Offset}) is a " +
            "low-order point: the shared secret is all zero, which RFC 8446 section 7.4.2 requires to be rejected.",
            TlsAlertDescription.IllegalParameter,
            context.Offset);
    }

    [DoesNotReturn]
    public static void ThrowInvalidEcPoint(in KeyShareContext context, string reason)
    {
        throw new PqcTlsException(
            $"The ECDH public key in the {context.GroupName} {context.ShareName} (byte {context.Offset}) is invalid: " +
            $"{reason}.",
            TlsAlertDescription.IllegalParameter,
            context.Offset);
    }

    [DoesNotReturn]
    public static void ThrowEncapsulationFailed(in KeyShareContext context, Exception inner)
    {
        // The key passed the FIPS 203 checks, so a failure now is ours, not the peer's.
        throw new PqcTlsException(
            $"ML-KEM encapsulation to the {context.GroupName} {context.ShareName} failed: {inner.Message}",
            TlsAlertDescription.InternalError,
            context.Offset,
            inner);
    }

    [DoesNotReturn]
    public static void ThrowDecapsulationFailed(in KeyShareContext context, Exception inner)
    {
        // draft-ietf-tls-ecdhe-mlkem: a decapsulation failure other than a length error is internal_error.
        throw new PqcTlsException(
            $"ML-KEM decapsulation of the {context.GroupName} {context.ShareName} failed: {inner.Message}",
            TlsAlertDescription.InternalError,
            context.Offset,
            inner);
    }

    [DoesNotReturn]
    public static void ThrowUnsupportedGroup(TlsNamedGroup group)
    {
        string name = TlsNamedGroups.GetName(group);
        string reason = group switch
        {
            TlsNamedGroup.X25519Kyber768Draft00 or TlsNamedGroup.SecP256r1Kyber768Draft00 =>
                $"{name} (0x{(ushort)group:X4}) is the obsolete Kyber round 3 draft hybrid, which ML-KEM cannot " +
                "compute; it is recognized for reporting only. Use X25519MLKEM768 (0x11EC).",
            _ => $"Key exchange for {name} (0x{(ushort)group:X4}) is not implemented; supported groups are x25519, " +
                "secp256r1, secp384r1, X25519MLKEM768, SecP256r1MLKEM768 and SecP384r1MLKEM1024.",
        };
        throw new NotSupportedException(reason);
    }
}
