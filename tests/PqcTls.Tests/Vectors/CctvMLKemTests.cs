using Org.BouncyCastle.Crypto.Digests;
using PqcTls.Crypto;

namespace PqcTls.Tests.Vectors;

/// <summary>C2SP/CCTV ML-KEM-768 vectors: modulus (invalid keys), strcmp, and the accumulated 10,000-case hash.</summary>
public sealed class CctvMLKemTests
{
    private static readonly MLKemParameterSet s_parameters = MLKemParameterSet.MLKem768;

    public static TheoryData<string> Backends => [.. MLKemBackends.Available.Select(b => b.Name)];

    [Fact]
    public void ModulusCheck_EveryCctvModulusKey_IsRejectedAtTheUnreducedCoefficient()
    {
        string[] keys = VectorFiles.ReadGzipLines("cctv", "modulus-ML-KEM-768.txt.gz");
        Assert.Equal(780, keys.Length);
        KeyExchangeGroup group = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768);

        foreach (string hex in keys)
        {
            byte[] ek = Convert.FromHexString(hex);
            Assert.False(MLKemEncapsulationKeyCheck.IsModulusValid(s_parameters, ek, out int offset));

            // Independent of our check: re-decode the 12-bit coefficient at the reported offset by hand.
            int coefficient = offset % 3 == 0
                ? ek[offset] | ((ek[offset + 1] & 0x0F) << 8)
                : (ek[offset] >> 4) | (ek[offset + 1] << 4);
            Assert.InRange(coefficient, 3329, 4095);

            // The same key inside an X25519MLKEM768 share is refused with illegal_parameter at that byte.
            byte[] share = [.. ek, .. new byte[31], 9];
            PqcTlsException e = Assert.Throws<PqcTlsException>(() => group.Encapsulate(share));
            Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
            Assert.Equal(offset, e.ByteOffset);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Decapsulate_CctvStrcmpVector_ProducesExpectedSecret(string backendName)
    {
        Dictionary<string, string> values = File.ReadAllLines(VectorFiles.PathOf("cctv", "strcmp-ML-KEM-768.txt"))
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(p => p[0], p => p[1]);

        using MLKemPrivateKey key = MLKemBackends.ByName(backendName)
            .ImportDecapsulationKey(s_parameters, Convert.FromHexString(values["dk"]));
        var secret = new byte[32];
        key.Decapsulate(Convert.FromHexString(values["c"]), secret);

        Assert.Equal(values["K"], Convert.ToHexString(secret), ignoreCase: true);
    }

    [Fact]
    public void Accumulated_TenThousandCases_MatchFinalStandardHash()
    {
        // Procedure from TestData/vectors/README.md; the expected hash is the FIPS 203 final value.
        string expected = VectorFiles.ReadJson("cctv", "accumulated-hashes.json")
            .GetProperty("fips203_final").GetProperty("ML-KEM-768").Text("n10000");
        MLKemBackend backend = MLKemBackends.Available.First(b => b.SupportsDeterministicEncapsulation);

        Assert.Equal(expected, Accumulate(backend, 10_000), ignoreCase: true);
    }

    [Fact]
    public void Accumulated_RngStream_StartsWithShake128OfEmptyInput()
    {
        var rng = new ShakeDigest(128);
        var prefix = new byte[16];
        rng.Output(prefix, 0, prefix.Length);

        Assert.Equal("7f9c2ba4e88f827d616045507605853e", Convert.ToHexString(prefix), ignoreCase: true);
    }

    private static string Accumulate(MLKemBackend backend, int count)
    {
        var rng = new ShakeDigest(128);
        var accumulator = new ShakeDigest(128);
        var d = new byte[32];
        var z = new byte[32];
        var m = new byte[32];
        var randomCiphertext = new byte[s_parameters.CiphertextLength];
        var ek = new byte[s_parameters.EncapsulationKeyLength];
        var dk = new byte[s_parameters.DecapsulationKeyLength];
        var ciphertext = new byte[s_parameters.CiphertextLength];
        var secret = new byte[32];
        var decapsulated = new byte[32];
        var rejection = new byte[32];

        for (int i = 0; i < count; i++)
        {
            rng.Output(d, 0, 32);
            rng.Output(z, 0, 32);
            rng.Output(m, 0, 32);
            rng.Output(randomCiphertext, 0, randomCiphertext.Length);

            using MLKemPrivateKey key = backend.GenerateKey(s_parameters, [.. d, .. z]);
            key.ExportEncapsulationKey(ek);
            key.ExportDecapsulationKey(dk);
            backend.Encapsulate(s_parameters, ek, m, ciphertext, secret);
            key.Decapsulate(ciphertext, decapsulated);
            Assert.Equal(secret, decapsulated);
            key.Decapsulate(randomCiphertext, rejection);

            accumulator.BlockUpdate(ek);
            accumulator.BlockUpdate(dk);
            accumulator.BlockUpdate(ciphertext);
            accumulator.BlockUpdate(secret);
            accumulator.BlockUpdate(rejection);
        }

        var hash = new byte[32];
        accumulator.OutputFinal(hash, 0, 32);
        return Convert.ToHexString(hash);
    }
}
