using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace PqcTls.Crypto;

/// <summary>ML-KEM from BouncyCastle.Cryptography (managed code, every platform).</summary>
internal sealed class BouncyCastleMLKemBackend : MLKemBackend
{
    private BouncyCastleMLKemBackend()
    {
    }

    public static BouncyCastleMLKemBackend Instance { get; } = new();

    public override string Name => "BouncyCastle";

    public override bool SupportsDeterministicEncapsulation => true;

    protected override MLKemPrivateKey GenerateKeyCore(MLKemParameterSet parameters, ReadOnlySpan<byte> seed)
    {
        byte[] seedCopy = seed.ToArray();
        try
        {
            MLKemPrivateKeyParameters key = MLKemPrivateKeyParameters.FromSeed(ToBouncyCastle(parameters), seedCopy);
            return new BouncyCastleMLKemPrivateKey(parameters, key);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seedCopy);
        }
    }

    protected override MLKemPrivateKey ImportDecapsulationKeyCore(
        MLKemParameterSet parameters,
        ReadOnlySpan<byte> decapsulationKey)
    {
        MLKemPrivateKeyParameters key = MLKemPrivateKeyParameters.FromEncoding(
            ToBouncyCastle(parameters),
            decapsulationKey.ToArray());
        return new BouncyCastleMLKemPrivateKey(parameters, key);
    }

    protected override void EncapsulateCore(
        MLKemParameterSet parameters,
        ReadOnlySpan<byte> encapsulationKey,
        ReadOnlySpan<byte> randomness,
        Span<byte> ciphertext,
        Span<byte> sharedSecret)
    {
        MLKemParameters bcParameters = ToBouncyCastle(parameters);
        MLKemPublicKeyParameters publicKey = MLKemPublicKeyParameters.FromEncoding(bcParameters, encapsulationKey.ToArray());
        SecureRandom random;
        if (randomness.IsEmpty)
        {
            random = SystemSecureRandom.Instance;
        }
        else
        {
            random = new SecureRandom(new FixedRandomGenerator(randomness));
        }

        var encapsulator = new MLKemEncapsulator(bcParameters);
        encapsulator.Init(new ParametersWithRandom(publicKey, random));
        encapsulator.Encapsulate(
            ciphertext[..parameters.CiphertextLength],
            sharedSecret[..MLKemParameterSet.SharedSecretLength]);
    }

    internal static MLKemParameters ToBouncyCastle(MLKemParameterSet parameters) => parameters.K switch
    {
        3 => MLKemParameters.ml_kem_768,
        4 => MLKemParameters.ml_kem_1024,
        _ => throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Name, "Unsupported ML-KEM parameter set."),
    };
}
