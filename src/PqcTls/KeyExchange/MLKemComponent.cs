using System.Security.Cryptography;
using PqcTls.Crypto;

namespace PqcTls.KeyExchange;

/// <summary>The ML-KEM part of a hybrid: the client sends ek, the server answers with a ciphertext.</summary>
internal sealed class MLKemComponent : KeyExchangeComponent
{
    private readonly MLKemParameterSet _parameters;
    private readonly MLKemBackend _backend;

    public MLKemComponent(MLKemParameterSet parameters, MLKemBackend backend)
    {
        _parameters = parameters;
        _backend = backend;
    }

    public override string Name => _parameters.Name;

    public override int ClientShareLength => _parameters.EncapsulationKeyLength;

    public override int ServerShareLength => _parameters.CiphertextLength;

    public override int SecretLength => MLKemParameterSet.SharedSecretLength;

    public override int ClientSeedLength => MLKemParameterSet.SeedLength;

    public override int ServerSeedLength => MLKemParameterSet.EncapsulationRandomnessLength;

    public override KeyExchangeComponentKey CreateClientKey(ReadOnlySpan<byte> seed, Span<byte> clientShare)
    {
        MLKemPrivateKey key;
        if (seed.IsEmpty)
        {
            Span<byte> freshSeed = stackalloc byte[MLKemParameterSet.SeedLength];
            RandomNumberGenerator.Fill(freshSeed);
            try
            {
                key = _backend.GenerateKey(_parameters, freshSeed);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(freshSeed);
            }
        }
        else
        {
            key = _backend.GenerateKey(_parameters, seed);
        }

        key.ExportEncapsulationKey(clientShare[..ClientShareLength]);
        return new Key(key);
    }

    public override void Respond(
        ReadOnlySpan<byte> clientShare,
        ReadOnlySpan<byte> seed,
        Span<byte> serverShare,
        Span<byte> secret,
        in KeyShareContext context)
    {
        if (!MLKemEncapsulationKeyCheck.IsModulusValid(_parameters, clientShare, out int badOffset))
        {
            KeyExchangeThrowHelper.ThrowUnreducedEncapsulationKey(context, badOffset);
        }

        try
        {
            _backend.Encapsulate(_parameters, clientShare, seed, serverShare, secret);
        }
        catch (ArgumentException e)
        {
            // The backend's own key validation disagreed with ours: still a bad key from the peer.
            KeyExchangeThrowHelper.ThrowInvalidEncapsulationKey(context, e);
        }
        catch (CryptographicException e)
        {
            KeyExchangeThrowHelper.ThrowEncapsulationFailed(context, e);
        }
    }

    private sealed class Key : KeyExchangeComponentKey
    {
        private readonly MLKemPrivateKey _key;

        public Key(MLKemPrivateKey key)
        {
            _key = key;
        }

        public override void Complete(ReadOnlySpan<byte> serverShare, Span<byte> secret, in KeyShareContext context)
        {
            try
            {
                _key.Decapsulate(serverShare, secret);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException or InvalidOperationException)
            {
                KeyExchangeThrowHelper.ThrowDecapsulationFailed(context, e);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _key.Dispose();
            }
        }
    }
}
