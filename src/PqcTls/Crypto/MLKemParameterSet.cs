namespace PqcTls.Crypto;

/// <summary>The sizes of one ML-KEM parameter set (FIPS 203, section 8, table 3).</summary>
internal sealed class MLKemParameterSet
{
    /// <summary>Length of the key generation seed d ‖ z (FIPS 203 section 7.1: two 32-byte strings).</summary>
    public const int SeedLength = 64;

    /// <summary>Length of the encapsulation randomness m (FIPS 203 section 7.2: 32 bytes).</summary>
    public const int EncapsulationRandomnessLength = 32;

    /// <summary>Length of the shared secret K (FIPS 203 section 7: 32 bytes for every parameter set).</summary>
    public const int SharedSecretLength = 32;

    /// <summary>Modulus q of FIPS 203 section 2.4.</summary>
    public const int Q = 3329;

    private MLKemParameterSet(string name, int k, int ciphertextLength)
    {
        Name = name;
        K = k;
        CiphertextLength = ciphertextLength;
    }

    /// <summary>ML-KEM-768: k = 3, ek 1184, dk 2400, ct 1088 bytes.</summary>
    public static MLKemParameterSet MLKem768 { get; } = new("ML-KEM-768", 3, 1088);

    /// <summary>ML-KEM-1024: k = 4, ek 1568, dk 3168, ct 1568 bytes.</summary>
    public static MLKemParameterSet MLKem1024 { get; } = new("ML-KEM-1024", 4, 1568);

    /// <summary>Gets the parameter set name as FIPS 203 writes it.</summary>
    public string Name { get; }

    /// <summary>Gets the module rank k.</summary>
    public int K { get; }

    /// <summary>Gets the encapsulation key length, 384k + 32 bytes (FIPS 203 section 7.2 type check).</summary>
    public int EncapsulationKeyLength => (384 * K) + 32;

    /// <summary>Gets the expanded decapsulation key length, 768k + 96 bytes.</summary>
    public int DecapsulationKeyLength => (768 * K) + 96;

    /// <summary>Gets the ciphertext length, 32(d_u k + d_v) bytes.</summary>
    public int CiphertextLength { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
