namespace PqcTls.Crypto;

/// <summary>
/// The seam between the key exchange and an ML-KEM implementation: .NET's <c>System.Security.Cryptography.MLKem</c>
/// where the platform supports it, BouncyCastle everywhere else.
/// </summary>
internal abstract class MLKemBackend
{
    /// <summary>Gets the backend used by the public API: native where <c>MLKem.IsSupported</c>, else BouncyCastle.</summary>
    public static MLKemBackend Default { get; } = NativeMLKemBackend.IsAvailable
        ? NativeMLKemBackend.Instance
        : BouncyCastleMLKemBackend.Instance;

    /// <summary>Gets a short name for diagnostics and test names.</summary>
    public abstract string Name { get; }

    /// <summary>Gets a value that tells whether <see cref="Encapsulate"/> accepts a caller-chosen m.</summary>
    public abstract bool SupportsDeterministicEncapsulation { get; }

    /// <summary>Runs ML-KEM.KeyGen_internal(d, z) (FIPS 203 algorithm 16) from the 64-byte seed d ‖ z.</summary>
    /// <param name="parameters">The parameter set.</param>
    /// <param name="seed">d ‖ z, <see cref="MLKemParameterSet.SeedLength"/> bytes.</param>
    /// <returns>The private key, which also knows its encapsulation key.</returns>
    /// <exception cref="ArgumentException">The seed is not 64 bytes.</exception>
    public MLKemPrivateKey GenerateKey(MLKemParameterSet parameters, ReadOnlySpan<byte> seed)
    {
        if (seed.Length != MLKemParameterSet.SeedLength)
        {
            throw new ArgumentException(
                $"The {parameters.Name} key generation seed d ‖ z must be {MLKemParameterSet.SeedLength} bytes; " +
                $"found {seed.Length}.",
                nameof(seed));
        }

        return GenerateKeyCore(parameters, seed);
    }

    /// <summary>Imports an expanded decapsulation key (FIPS 203 section 7.3 checks included).</summary>
    /// <param name="parameters">The parameter set.</param>
    /// <param name="decapsulationKey">The 768k + 96-byte key.</param>
    /// <returns>The private key.</returns>
    /// <exception cref="ArgumentException">The key has the wrong length or fails the checks.</exception>
    public MLKemPrivateKey ImportDecapsulationKey(MLKemParameterSet parameters, ReadOnlySpan<byte> decapsulationKey)
    {
        if (decapsulationKey.Length != parameters.DecapsulationKeyLength)
        {
            throw new ArgumentException(
                $"The {parameters.Name} decapsulation key must be {parameters.DecapsulationKeyLength} bytes; " +
                $"found {decapsulationKey.Length}.",
                nameof(decapsulationKey));
        }

        return ImportDecapsulationKeyCore(parameters, decapsulationKey);
    }

    /// <summary>
    /// Runs ML-KEM.Encaps after the FIPS 203 section 7.2 input checks (type check: length 384k + 32; modulus check).
    /// </summary>
    /// <param name="parameters">The parameter set.</param>
    /// <param name="encapsulationKey">The peer's key, 384k + 32 bytes.</param>
    /// <param name="randomness">m (32 bytes) for ML-KEM.Encaps_internal, or empty to draw it from the system RNG.</param>
    /// <param name="ciphertext">Receives the ciphertext.</param>
    /// <param name="sharedSecret">Receives the 32-byte shared secret.</param>
    /// <exception cref="ArgumentException">The key fails the type or modulus check, or m is not 32 bytes.</exception>
    public void Encapsulate(
        MLKemParameterSet parameters,
        ReadOnlySpan<byte> encapsulationKey,
        ReadOnlySpan<byte> randomness,
        Span<byte> ciphertext,
        Span<byte> sharedSecret)
    {
        if (encapsulationKey.Length != parameters.EncapsulationKeyLength)
        {
            throw new ArgumentException(
                $"The {parameters.Name} encapsulation key must be {parameters.EncapsulationKeyLength} bytes; " +
                $"found {encapsulationKey.Length}.",
                nameof(encapsulationKey));
        }

        if (!MLKemEncapsulationKeyCheck.IsModulusValid(parameters, encapsulationKey, out int offset))
        {
            throw new ArgumentException(
                $"The {parameters.Name} encapsulation key fails the modulus check at byte {offset}.",
                nameof(encapsulationKey));
        }

        if (!randomness.IsEmpty && randomness.Length != MLKemParameterSet.EncapsulationRandomnessLength)
        {
            throw new ArgumentException(
                $"The encapsulation randomness m must be {MLKemParameterSet.EncapsulationRandomnessLength} bytes; " +
                $"found {randomness.Length}.",
                nameof(randomness));
        }

        if (ciphertext.Length < parameters.CiphertextLength || sharedSecret.Length < MLKemParameterSet.SharedSecretLength)
        {
            throw new ArgumentException("The destination buffers are too small.", nameof(ciphertext));
        }

        EncapsulateCore(parameters, encapsulationKey, randomness, ciphertext, sharedSecret);
    }

    /// <summary>Runs key generation from a seed of the right length.</summary>
    protected abstract MLKemPrivateKey GenerateKeyCore(MLKemParameterSet parameters, ReadOnlySpan<byte> seed);

    /// <summary>Imports a decapsulation key of the right length.</summary>
    protected abstract MLKemPrivateKey ImportDecapsulationKeyCore(
        MLKemParameterSet parameters,
        ReadOnlySpan<byte> decapsulationKey);

    /// <summary>Encapsulates to a checked key.</summary>
    protected abstract void EncapsulateCore(
        MLKemParameterSet parameters,
        ReadOnlySpan<byte> encapsulationKey,
        ReadOnlySpan<byte> randomness,
        Span<byte> ciphertext,
        Span<byte> sharedSecret);
}
