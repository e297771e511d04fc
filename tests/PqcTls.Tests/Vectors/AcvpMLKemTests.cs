using System.Text.Json;
using PqcTls.Crypto;

namespace PqcTls.Tests.Vectors;

/// <summary>
/// NIST ACVP ML-KEM keyGen and encapDecap vectors (FIPS 203 final) for ML-KEM-768 and ML-KEM-1024, the parameter
/// sets the TLS groups use, run against every available ML-KEM backend.
/// </summary>
public sealed class AcvpMLKemTests
{
    private static readonly Lazy<Dictionary<int, AcvpCase>> s_keyGen = new(() => Load("ML-KEM-keyGen-FIPS203"));
    private static readonly Lazy<Dictionary<int, AcvpCase>> s_encapDecap = new(() => Load("ML-KEM-encapDecap-FIPS203"));

    public static TheoryData<string, int> KeyGenCases => MLKemBackends.WithBackends(Ids(s_keyGen.Value, _ => true));

    public static TheoryData<string, int> EncapsulationCases =>
        MLKemBackends.WithBackends(Ids(s_encapDecap.Value, c => c.Function == "encapsulation"));

    public static TheoryData<string, int> DecapsulationCases =>
        MLKemBackends.WithBackends(Ids(s_encapDecap.Value, c => c.Function == "decapsulation"));

    [Fact]
    public void Vectors_CaseCounts_MatchTheAcvpFiles()
    {
        // 25 keyGen per parameter set; 25 encapsulation + 10 decapsulation per parameter set (512 not used by TLS).
        Assert.Equal(50, s_keyGen.Value.Count);
        Assert.Equal(50, s_encapDecap.Value.Values.Count(c => c.Function == "encapsulation"));
        Assert.Equal(20, s_encapDecap.Value.Values.Count(c => c.Function == "decapsulation"));
    }

    [Theory]
    [MemberData(nameof(KeyGenCases))]
    public void GenerateKey_AcvpSeed_ProducesExpectedKeys(string backendName, int tcId)
    {
        AcvpCase test = s_keyGen.Value[tcId];
        MLKemParameterSet parameters = MLKemBackends.ParameterSet(test.ParameterSet);
        byte[] seed = [.. test.Prompt.Hex("d"), .. test.Prompt.Hex("z")];

        using MLKemPrivateKey key = MLKemBackends.ByName(backendName).GenerateKey(parameters, seed);

        var ek = new byte[parameters.EncapsulationKeyLength];
        var dk = new byte[parameters.DecapsulationKeyLength];
        key.ExportEncapsulationKey(ek);
        key.ExportDecapsulationKey(dk);
        Assert.Equal(Convert.ToHexString(test.Expected.Hex("ek")), Convert.ToHexString(ek));
        Assert.Equal(Convert.ToHexString(test.Expected.Hex("dk")), Convert.ToHexString(dk));
    }

    [Theory]
    [MemberData(nameof(EncapsulationCases))]
    public void Encapsulate_AcvpMessage_ProducesExpectedCiphertextAndSecret(string backendName, int tcId)
    {
        AcvpCase test = s_encapDecap.Value[tcId];
        MLKemParameterSet parameters = MLKemBackends.ParameterSet(test.ParameterSet);
        MLKemBackend backend = MLKemBackends.ByName(backendName);
        var ciphertext = new byte[parameters.CiphertextLength];
        var secret = new byte[32];

        if (!backend.SupportsDeterministicEncapsulation)
        {
            // .NET's MLKem draws m itself, so only the round trip through the expected ciphertext can be checked.
            Assert.Throws<NotSupportedException>(
                () => backend.Encapsulate(parameters, test.Prompt.Hex("ek"), test.Prompt.Hex("m"), ciphertext, secret));
            return;
        }

        backend.Encapsulate(parameters, test.Prompt.Hex("ek"), test.Prompt.Hex("m"), ciphertext, secret);

        Assert.Equal(Convert.ToHexString(test.Expected.Hex("c")), Convert.ToHexString(ciphertext));
        Assert.Equal(Convert.ToHexString(test.Expected.Hex("k")), Convert.ToHexString(secret));
    }

    [Theory]
    [MemberData(nameof(DecapsulationCases))]
    public void Decapsulate_AcvpCiphertext_ProducesExpectedSecret(string backendName, int tcId)
    {
        AcvpCase test = s_encapDecap.Value[tcId];
        MLKemParameterSet parameters = MLKemBackends.ParameterSet(test.ParameterSet);
        using MLKemPrivateKey key = MLKemBackends.ByName(backendName)
            .ImportDecapsulationKey(parameters, Convert.FromHexString(test.GroupDecapsulationKey!));
        var secret = new byte[32];

        key.Decapsulate(test.Prompt.Hex("c"), secret);

        Assert.Equal(Convert.ToHexString(test.Expected.Hex("k")), Convert.ToHexString(secret));
    }

    private static IEnumerable<int> Ids(Dictionary<int, AcvpCase> cases, Func<AcvpCase, bool> filter) =>
        cases.Values.Where(filter).Select(c => c.Id).Order();

    private static Dictionary<int, AcvpCase> Load(string folder)
    {
        JsonElement prompt = VectorFiles.ReadJson("acvp", folder, "prompt.json");
        JsonElement expected = VectorFiles.ReadJson("acvp", folder, "expectedResults.json");
        var expectedById = VectorFiles.Tests(expected).ToDictionary(t => t.GetProperty("tcId").GetInt32());
        var cases = new Dictionary<int, AcvpCase>();
        foreach (JsonElement group in prompt.GetProperty("testGroups").EnumerateArray())
        {
            string parameterSet = group.Text("parameterSet");
            if (parameterSet == "ML-KEM-512")
            {
                continue;
            }

            string function = group.TryGetProperty("function", out JsonElement f) ? f.GetString()! : "keyGen";
            string? dk = group.TryGetProperty("dk", out JsonElement d) ? d.GetString() : null;
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                int id = test.GetProperty("tcId").GetInt32();
                cases.Add(id, new AcvpCase(id, parameterSet, function, dk, test, expectedById[id]));
            }
        }

        return cases;
    }

    private sealed record AcvpCase(
        int Id,
        string ParameterSet,
        string Function,
        string? GroupDecapsulationKey,
        JsonElement Prompt,
        JsonElement Expected);
}
