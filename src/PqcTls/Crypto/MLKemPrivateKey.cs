namespace PqcTls.Crypto;

/// <summary>An ML-KEM decapsulation key held by one <see cref="MLKemBackend"/>.</summary>
internal abstract class MLKemPrivateKey : IDisposable
{
    protected MLKemPrivateKey(MLKemParameterSet parameters)
    {
        Parameters = parameters;
    }

    /// <summary>Gets the parameter set.</summary>
    public MLKemParameterSet Parameters { get; }

    /// <summary>Writes the encapsulation key (384k + 32 bytes).</summary>
    /// <param name="destination">Receives the key.</param>
    public abstract void ExportEncapsulationKey(Span<byte> destination);

    /// <summary>Writes the expanded decapsulation key (768k + 96 bytes).</summary>
    /// <param name="destination">Receives the key.</param>
    public abstract void ExportDecapsulationKey(Span<byte> destination);

    /// <summary>Runs ML-KEM.Decaps (FIPS 203 algorithm 21); a wrong ciphertext gives the implicit rejection secret.</summary>
    /// <param name="ciphertext">The ciphertext, exactly <see cref="MLKemParameterSet.CiphertextLength"/> bytes.</param>
    /// <param name="sharedSecret">Receives the 32-byte secret.</param>
    /// <exception cref="ArgumentException">The ciphertext length is wrong (FIPS 203 section 7.3 type check).</exception>
    public void Decapsulate(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (ciphertext.Length != Parameters.CiphertextLength)
        {
            throw new ArgumentException(
                $"The {Parameters.Name} ciphertext must be {Parameters.CiphertextLength} bytes; found {ciphertext.Length}.",
                nameof(ciphertext));
        }

        if (sharedSecret.Length < MLKemParameterSet.SharedSecretLength)
        {
            throw new ArgumentException("The destination is too small.", nameof(sharedSecret));
        }

        DecapsulateCore(ciphertext, sharedSecret);
    }

    /// <summary>Decapsulates a ciphertext of the right length.</summary>
    protected abstract void DecapsulateCore(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the key material.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);
}
