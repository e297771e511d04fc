using PqcTls.Crypto;

namespace PqcTls.Tests.Vectors;

/// <summary>The ML-KEM backends the vector tests run against: BouncyCastle always, .NET's MLKem where supported.</summary>
internal static class MLKemBackends
{
    public static IReadOnlyList<MLKemBackend> Available { get; } = NativeMLKemBackend.IsAvailable
        ? [BouncyCastleMLKemBackend.Instance, NativeMLKemBackend.Instance]
        : [BouncyCastleMLKemBackend.Instance];

    public static MLKemBackend ByName(string name) => Available.Single(b => b.Name == name);

    public static MLKemParameterSet ParameterSet(string name) => name switch
    {
        "ML-KEM-768" => MLKemParameterSet.MLKem768,
        "ML-KEM-1024" => MLKemParameterSet.MLKem1024,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not used by the TLS groups"),
    };

    /// <summary>Cross product of the available backends with the given case ids, for [MemberData].</summary>
    public static TheoryData<string, int> WithBackends(IEnumerable<int> ids)
    {
        var data = new TheoryData<string, int>();
        foreach (MLKemBackend backend in Available)
        {
            foreach (int id in ids)
            {
                data.Add(backend.Name, id);
            }
        }

        return data;
    }
}
