using System.Security.Cryptography;

namespace PqcTls.Crypto;

/// <summary>ML-KEM from .NET's <see cref="MLKem"/> (OpenSSL 3.5 or later, or Windows CNG with ML-KEM).</summary>
internal sealed class NativeMLKemBackend : MLKemBackend
{
    private NativeMLKemBackend()
    {
    }

    public static NativeMLKemBackend Instance { get; } = new();

    /// <summary>Gets a value that tells whether the platform has ML-KEM (<see cref="MLKem.IsSupported"/>).</summary>
    public static bool IsAvailable => MLKem.IsSupported;

    public override string Name => "Native";

    /// <summary>.NET exposes no ML-KEM.Encaps_internal with a caller-chosen m.</summary>
    public override bool SupportsDeterministicEncapsulation => false;

    protected override MLKemPrivateKey GenerateKeyCore(MLKemParameterSet parameters, ReadOnlySpan<byte> seed)
    {
        return new NativeMLKemPrivateKey(parameters, MLKem.ImportPrivateSeed(ToNative(parameters), seed));
    }

    protected override MLKemPrivateKey ImportDecapsulationKeyCore(
        MLKemParameterSet parameters,
        ReadOnlySpan<byte> decapsulationKey) =>
        new NativeMLKemPrivateKey(parameters, MLKem.ImportDecapsulationKey(ToNative(parameters), decapsulationKey));

    protected override void EncapsulateCore(
        MLKemParameterSet parameters,
        ReadOnlySpan<byte> encapsulationKey,
        ReadOnlySpan<byte> randomness,
        Span<byte> ciphertext,
        Span<byte> sharedSecret)
    {
        if (!randomness.IsEmpty)
        {
            throw new NotSupportedException(".NET's MLKem has no encapsulation with caller-supplied randomness.");
        }

        using MLKem key = MLKem.ImportEncapsulationKey(ToNative(parameters), encapsulationKey);
        key.Encapsulate(ciphertext[..parameters.CiphertextLength], sharedSecret[..MLKemParameterSet.SharedSecretLength]);
    }

    private static MLKemAlgorithm ToNative(MLKemParameterSet parameters) => parameters.K switch
    {
        3 => MLKemAlgorithm.MLKem768,
        4 => MLKemAlgorithm.MLKem1024,
        _ => throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Name, "Unsupported ML-KEM parameter set."),
    };
}
