using System.Security.Cryptography;

namespace PqcTls.Crypto;

/// <summary>A decapsulation key held by .NET's <see cref="MLKem"/>; disposing frees the native key.</summary>
internal sealed class NativeMLKemPrivateKey : MLKemPrivateKey
{
    private readonly MLKem _key;

    public NativeMLKemPrivateKey(MLKemParameterSet parameters, MLKem key)
        : base(parameters)
    {
        _key = key;
    }

    public override void ExportEncapsulationKey(Span<byte> destination) =>
        _key.ExportEncapsulationKey(destination[..Parameters.EncapsulationKeyLength]);

    public override void ExportDecapsulationKey(Span<byte> destination) =>
        _key.ExportDecapsulationKey(destination[..Parameters.DecapsulationKeyLength]);

    protected override void DecapsulateCore(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret) =>
        _key.Decapsulate(ciphertext, sharedSecret[..MLKemParameterSet.SharedSecretLength]);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _key.Dispose();
        }
    }
}
