using System.Text.Json;
using PqcTls.Crypto;

namespace PqcTls.Tests.Vectors;

/// <summary>C2SP Wycheproof ML-KEM-768 vectors (keygen from seed, decapsulation, encapsulation, dk validation).</summary>
public sealed class WycheproofMLKemTests
{
    private static readonly MLKemParameterSet s_parameters = MLKemParameterSet.MLKem768;

    private static readonly Lazy<Dictionary<int, JsonElement>> s_decaps = new(() => Load("mlkem_768_test.json"));
    private static readonly Lazy<Dictionary<int, JsonElement>> s_encaps = new(() => Load("mlkem_768_encaps_test.json"));
    private static readonly Lazy<Dictionary<int, JsonElement>> s_keyGen = new(() => Load("mlkem_768_keygen_seed_test.json"));
    private static readonly Lazy<Dictionary<int, JsonElement>> s_semiExpanded =
        new(() => Load("mlkem_768_semi_expanded_decaps_test.json"));

    public static TheoryData<string, int> DecapsCases => MLKemBackends.WithBackends(s_decaps.Value.Keys.Order());

    public static TheoryData<string, int> EncapsCases => MLKemBackends.WithBackends(s_encaps.Value.Keys.Order());

    public static TheoryData<string, int> KeyGenCases => MLKemBackends.WithBackends(s_keyGen.Value.Keys.Order());

    public static TheoryData<string, int> SemiExpandedCases => MLKemBackends.WithBackends(s_semiExpanded.Value.Keys.Order());

    [Fact]
    public void Vectors_CaseCounts_MatchTheWycheproofFiles()
    {
        Assert.Equal(193, s_decaps.Value.Count);
        Assert.Equal(265, s_encaps.Value.Count);
        Assert.Equal(100, s_keyGen.Value.Count);
        Assert.Equal(9, s_semiExpanded.Value.Count);
    }

    [Theory]
    [MemberData(nameof(DecapsCases))]
    public void GenerateKeyThenDecapsulate_WycheproofCase_MatchesExpectedResult(string backendName, int tcId)
    {
        JsonElement test = s_decaps.Value[tcId];
        MLKemBackend backend = MLKemBackends.ByName(backendName);
        byte[] seed = test.Hex("seed");
        byte[] ciphertext = test.Hex("c");

        if (test.Text("result") == "invalid")
        {
            // Invalid cases have a seed that is not 64 bytes or a ciphertext that is not 1088 bytes.
            Assert.Throws<ArgumentException>(() =>
            {
                using MLKemPrivateKey k = backend.GenerateKey(s_parameters, seed);
                k.Decapsulate(ciphertext, new byte[32]);
            });
            return;
        }

        using MLKemPrivateKey key = backend.GenerateKey(s_parameters, seed);
        var ek = new byte[s_parameters.EncapsulationKeyLength];
        key.ExportEncapsulationKey(ek);
        var secret = new byte[32];
        key.Decapsulate(ciphertext, secret);

        Assert.Equal(test.Text("ek"), Convert.ToHexString(ek), ignoreCase: true);
        Assert.Equal(test.Text("K"), Convert.ToHexString(secret), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(EncapsCases))]
    public void Encapsulate_WycheproofCase_MatchesExpectedResult(string backendName, int tcId)
    {
        JsonElement test = s_encaps.Value[tcId];
        MLKemBackend backend = MLKemBackends.ByName(backendName);
        byte[] ek = test.Hex("ek");
        byte[] m = test.Hex("m");
        var ciphertext = new byte[s_parameters.CiphertextLength];
        var secret = new byte[32];

        if (test.Text("result") == "invalid")
        {
            // Unreduced coefficients (FIPS 203 section 7.2 modulus check) or a wrong key length.
            Assert.Throws<ArgumentException>(() => backend.Encapsulate(s_parameters, ek, m, ciphertext, secret));
            Assert.Throws<ArgumentException>(() => backend.Encapsulate(s_parameters, ek, default, ciphertext, secret));
            return;
        }

        if (!backend.SupportsDeterministicEncapsulation)
        {
            backend.Encapsulate(s_parameters, ek, default, ciphertext, secret);
            Assert.Contains(secret, b => b != 0);
            return;
        }

        backend.Encapsulate(s_parameters, ek, m, ciphertext, secret);

        Assert.Equal(test.Text("c"), Convert.ToHexString(ciphertext), ignoreCase: true);
        Assert.Equal(test.Text("K"), Convert.ToHexString(secret), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(KeyGenCases))]
    public void GenerateKey_WycheproofSeed_ProducesExpectedKeys(string backendName, int tcId)
    {
        JsonElement test = s_keyGen.Value[tcId];

        using MLKemPrivateKey key = MLKemBackends.ByName(backendName).GenerateKey(s_parameters, test.Hex("seed"));

        var ek = new byte[s_parameters.EncapsulationKeyLength];
        var dk = new byte[s_parameters.DecapsulationKeyLength];
        key.ExportEncapsulationKey(ek);
        key.ExportDecapsulationKey(dk);
        Assert.Equal(test.Text("ek"), Convert.ToHexString(ek), ignoreCase: true);
        Assert.Equal(test.Text("dk"), Convert.ToHexString(dk), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(SemiExpandedCases))]
    public void ImportThenDecapsulate_WycheproofExpandedKey_MatchesExpectedResult(string backendName, int tcId)
    {
        JsonElement test = s_semiExpanded.Value[tcId];
        MLKemBackend backend = MLKemBackends.ByName(backendName);
        byte[] dk = test.Hex("dk");
        byte[] ciphertext = test.Hex("c");

        if (test.Text("result") == "invalid")
        {
            // Wrong lengths, or a dk whose embedded H(ek) or ek fails the FIPS 203 section 7.3 checks.
            Assert.Throws<ArgumentException>(() =>
            {
                using MLKemPrivateKey k = backend.ImportDecapsulationKey(s_parameters, dk);
                k.Decapsulate(ciphertext, new byte[32]);
            });
            return;
        }

        using MLKemPrivateKey key = backend.ImportDecapsulationKey(s_parameters, dk);
        var secret = new byte[32];
        key.Decapsulate(ciphertext, secret);

        Assert.Equal(test.Text("K"), Convert.ToHexString(secret), ignoreCase: true);
    }

    private static Dictionary<int, JsonElement> Load(string file) =>
        VectorFiles.Tests(VectorFiles.ReadJson("wycheproof", file)).ToDictionary(t => t.GetProperty("tcId").GetInt32());
}
