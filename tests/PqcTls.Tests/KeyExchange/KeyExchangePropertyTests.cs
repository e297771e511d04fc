using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace PqcTls.Tests.KeyExchange;

/// <summary>FsCheck properties of the hybrid key exchange over random seeds and random corruptions.</summary>
public sealed class KeyExchangePropertyTests
{
    private static readonly TlsNamedGroup[] s_groups =
    [
        TlsNamedGroup.X25519MLKem768,
        TlsNamedGroup.SecP256r1MLKem768,
        TlsNamedGroup.SecP384r1MLKem1024,
        TlsNamedGroup.X25519,
    ];

    private static readonly Gen<byte> s_byte = Gen.Choose(0, 255).Select(i => (byte)i);

    /// <summary>A group with random fixed randomness for both sides (NIST scalars are forced below the order).</summary>
    private static Arbitrary<ExchangeInputs> Inputs() =>
        Gen.Elements(s_groups)
            .SelectMany(group => Gen.ArrayOf(s_byte, 192).Select(bytes => ExchangeInputs.From(group, bytes)))
            .ToArbitrary();

    [Property(MaxTest = 40)]
    public Property Decapsulate_RandomSeeds_RecoversTheEncapsulatedSecret() =>
        Prop.ForAll(Inputs(), inputs =>
        {
            KeyExchangeGroup group = KeyExchangeGroup.Get(inputs.Group);
            using KeyExchangeClientShare client = group.GenerateClientShare(inputs.ClientSeeds);
            using KeyExchangeServerResult server = group.Encapsulate(client.PublicShare, inputs.ServerSeeds);

            return client.DeriveSharedSecret(server.ServerShare).AsSpan().SequenceEqual(server.SharedSecret);
        });

    [Property(MaxTest = 60)]
    public Property DeriveSharedSecret_MutatedServerShare_NeverCrashesAndNeverMatches() =>
        Prop.ForAll(
            Inputs(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            Gen.Choose(1, 255).ToArbitrary(),
            (inputs, position, mask) =>
            {
                KeyExchangeGroup group = KeyExchangeGroup.Get(inputs.Group);
                using KeyExchangeClientShare client = group.GenerateClientShare(inputs.ClientSeeds);
                using KeyExchangeServerResult server = group.Encapsulate(client.PublicShare, inputs.ServerSeeds);
                byte[] mutated = server.ServerShare.ToArray();
                int index = position % mutated.Length;
                mutated[index] ^= (byte)mask;

                // RFC 7748 section 5 masks the top bit of an X25519 u-coordinate, so flipping only that bit (the last
                // byte of the X25519 part, which ends both X25519 and X25519MLKEM768 server shares) keeps the secret.
                bool onlyMaskedBit = inputs.Group is TlsNamedGroup.X25519 or TlsNamedGroup.X25519MLKem768
                    && index == mutated.Length - 1
                    && (mask & 0x7F) == 0;

                // Otherwise either a typed rejection (bad point, all-zero X25519) or a different secret (ML-KEM
                // implicit rejection, or ECDH with another point); never another exception and never the same secret.
                try
                {
                    bool same = client.DeriveSharedSecret(mutated).AsSpan().SequenceEqual(server.SharedSecret);
                    return same == onlyMaskedBit;
                }
                catch (PqcTlsException e)
                {
                    return e.Alert == TlsAlertDescription.IllegalParameter && e.ByteOffset is >= 0;
                }
            });

    [Property(MaxTest = 60)]
    public Property Encapsulate_MutatedOrResizedClientShare_NeverCrashes() =>
        Prop.ForAll(
            Inputs(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            Gen.Choose(-3, 3).ToArbitrary(),
            (inputs, position, lengthChange) =>
            {
                KeyExchangeGroup group = KeyExchangeGroup.Get(inputs.Group);
                using KeyExchangeClientShare client = group.GenerateClientShare(inputs.ClientSeeds);
                byte[] share = client.PublicShare.ToArray();
                byte[] mutated = new byte[Math.Max(0, share.Length + lengthChange)];
                share.AsSpan(0, Math.Min(share.Length, mutated.Length)).CopyTo(mutated);
                if (mutated.Length > 0)
                {
                    mutated[position % mutated.Length] ^= 0xFF;
                }

                try
                {
                    using KeyExchangeServerResult server = group.Encapsulate(mutated, inputs.ServerSeeds);
                    return lengthChange == 0 && server.SharedSecret.Length == group.SharedSecretLength;
                }
                catch (PqcTlsException e)
                {
                    return e.Alert == TlsAlertDescription.IllegalParameter
                        && e.ByteOffset is long offset && offset >= 0 && offset <= share.Length;
                }
            });

    [Property(MaxTest = 200)]
    public Property Encapsulate_ArbitraryBytesAsX25519MLKem768Share_OnlyTypedErrors() =>
        Prop.ForAll(Gen.ArrayOf(s_byte, 1216).ToArbitrary(), bytes =>
        {
            // Random bytes are almost never a reduced ek (each of 768 coefficients is below 3329 with p = 0.81).
            try
            {
                using KeyExchangeServerResult server = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768).Encapsulate(bytes);
                return server.SharedSecret.Length == 64;
            }
            catch (PqcTlsException e)
            {
                return e.Alert == TlsAlertDescription.IllegalParameter;
            }
        });

    internal sealed record ExchangeInputs(TlsNamedGroup Group, byte[] ClientSeeds, byte[] ServerSeeds)
    {
        public static ExchangeInputs From(TlsNamedGroup group, byte[] random)
        {
            // Seed layouts (component order): ML-KEM d‖z (64) and m (32); X25519 scalar 32; P-256 32; P-384 48.
            // The largest, SecP384r1MLKEM1024, takes 48 + 64 client and 48 + 32 server bytes = 192.
            // NIST scalars get a zero top byte and a set low bit so they lie in [1, n-1].
            static byte[] Scalar(byte[] r, int offset, int length)
            {
                byte[] s = r.AsSpan(offset, length).ToArray();
                s[0] = 0;
                s[^1] |= 1;
                return s;
            }

            return group switch
            {
                TlsNamedGroup.X25519MLKem768 => new(group, random[..96], [.. random[96..128], .. random[128..160]]),
                TlsNamedGroup.SecP256r1MLKem768 => new(
                    group,
                    [.. Scalar(random, 0, 32), .. random[32..96]],
                    [.. Scalar(random, 96, 32), .. random[128..160]]),
                TlsNamedGroup.SecP384r1MLKem1024 => new(
                    group,
                    [.. Scalar(random, 0, 48), .. random[48..112]],
                    [.. Scalar(random, 112, 48), .. random[160..192]]),
                _ => new(group, random[..32], random[32..64]),
            };
        }

        public override string ToString() =>
            $"{Group} client {Convert.ToHexString(ClientSeeds)} server {Convert.ToHexString(ServerSeeds)}";
    }
}
