using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;

namespace PqcTls.Crypto;

/// <summary>A BouncyCastle ML-KEM decapsulation key.</summary>
/// <remarks>
/// BouncyCastle keeps the expanded key in arrays of its own that this class cannot reach, so disposing drops the
/// references but cannot zero those copies; the garbage collector reclaims them.
/// </remarks>
internal sealed class BouncyCastleMLKemPrivateKey : MLKemPrivateKey
{
    private MLKemPrivateKeyParameters? _key;
    private readonly byte[] _encapsulationKey;

    public BouncyCastleMLKemPrivateKey(MLKemParameterSet parameters, MLKemPrivateKeyParameters key)
        : base(parameters)
    {
        _key = key;
        _encapsulationKey = key.GetPublicKeyEncoded();
    }

    public override void ExportEncapsulationKey(Span<byte> destination) => _encapsulationKey.CopyTo(destination);

    public override void ExportDecapsulationKey(Span<byte> destination)
    {
        byte[] encoded = Key.GetEncoded();
        encoded.CopyTo(destination);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(encoded);
    }

    protected override void DecapsulateCore(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        var decapsulator = new MLKemDecapsulator(Key.Parameters);
        decapsulator.Init(Key);
        decapsulator.Decapsulate(ciphertext, sharedSecret[..MLKemParameterSet.SharedSecretLength]);
    }

    protected override void Dispose(bool disposing) => _key = null;

    private MLKemPrivateKeyParameters Key => _key ?? throw new ObjectDisposedException(nameof(MLKemPrivateKey));
}
