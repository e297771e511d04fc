using System.Security.Cryptography;
using PqcTls.Crypto;

namespace PqcTls.Tests.KeyExchange;

/// <summary>The seam between BouncyCastle and .NET's native MLKem.</summary>
public sealed class MLKemBackendTests
{
    [Fact]
    public void Default_IsNativeExactlyWhenPlatformSupportsMLKem()
    {
        MLKemBackend expected = MLKem.IsSupported ? NativeMLKemBackend.Instance : BouncyCastleMLKemBackend.Instance;

        Assert.Same(expected, MLKemBackend.Default);
        Assert.Equal(MLKem.IsSupported, NativeMLKemBackend.IsAvailable);
    }

    [Fact]
    public void Native_SameSeedAsBouncyCastle_SameKeysAndCrossDecapsulation()
    {
        MLKemParameterSet parameters = MLKemParameterSet.MLKem768;
        byte[] seed = RandomNumberGenerator.GetBytes(MLKemParameterSet.SeedLength);

        if (!NativeMLKemBackend.IsAvailable)
        {
            // Without OpenSSL 3.5 (or Windows ML-KEM) the native side refuses clearly instead of misbehaving.
            Assert.Throws<PlatformNotSupportedException>(
                () => NativeMLKemBackend.Instance.GenerateKey(parameters, seed));
            return;
        }

        using MLKemPrivateKey native = NativeMLKemBackend.Instance.GenerateKey(parameters, seed);
        using MLKemPrivateKey managed = BouncyCastleMLKemBackend.Instance.GenerateKey(parameters, seed);
        var nativeEk = new byte[parameters.EncapsulationKeyLength];
        var managedEk = new byte[parameters.EncapsulationKeyLength];
        native.ExportEncapsulationKey(nativeEk);
        managed.ExportEncapsulationKey(managedEk);
        var ciphertext = new byte[parameters.CiphertextLength];
        var sent = new byte[32];
        var received = new byte[32];
        NativeMLKemBackend.Instance.Encapsulate(parameters, managedEk, default, ciphertext, sent);
        managed.Decapsulate(ciphertext, received);

        Assert.Equal(managedEk, nativeEk);
        Assert.Equal(sent, received);
    }

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(0)]
    public void GenerateKey_SeedNot64Bytes_ArgumentException(int length)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(
            () => MLKemBackend.Default.GenerateKey(MLKemParameterSet.MLKem768, new byte[length]));

        Assert.Contains($"must be 64 bytes; found {length}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encapsulate_WrongLengthRandomness_ArgumentException()
    {
        MLKemBackend backend = BouncyCastleMLKemBackend.Instance;
        using MLKemPrivateKey key = backend.GenerateKey(MLKemParameterSet.MLKem768, new byte[64]);
        var ek = new byte[1184];
        key.ExportEncapsulationKey(ek);

        Assert.Throws<ArgumentException>(
            () => backend.Encapsulate(MLKemParameterSet.MLKem768, ek, new byte[31], new byte[1088], new byte[32]));
    }

    [Fact]
    public void ParameterSets_HaveFips203Sizes()
    {
        // FIPS 203 table 3: ek = 384k + 32, dk = 768k + 96; ct = 32(du*k + dv) with (du, dv) = (10, 4) and (11, 5).
        Assert.Equal((1184, 2400, 1088), Sizes(MLKemParameterSet.MLKem768));
        Assert.Equal((1568, 3168, 1568), Sizes(MLKemParameterSet.MLKem1024));
        Assert.Equal(32 * ((10 * 3) + 4), MLKemParameterSet.MLKem768.CiphertextLength);
        Assert.Equal(32 * ((11 * 4) + 5), MLKemParameterSet.MLKem1024.CiphertextLength);
    }

    private static (int Ek, int Dk, int Ct) Sizes(MLKemParameterSet p) =>
        (p.EncapsulationKeyLength, p.DecapsulationKeyLength, p.CiphertextLength);
}
