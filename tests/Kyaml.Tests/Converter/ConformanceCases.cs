namespace Kyaml.Tests.Converter;

/// <summary>The conformance corpus copied from the reference encoder's outputs (see TestData/conformance/README.md).</summary>
internal static class ConformanceCases
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "conformance");

    /// <summary>Every case named in INDEX.tsv.</summary>
    public static IReadOnlyList<string> All { get; } = LoadIndex();

    public static string CaseDirectory(string name) => Path.Combine(Root, name.Replace('/', Path.DirectorySeparatorChar));

    public static string CorrectedDirectory(string name) =>
        Path.Combine(Root, "corrected", name.Replace('/', Path.DirectorySeparatorChar));

    private static List<string> LoadIndex()
    {
        var cases = new List<string>();
        foreach (string line in File.ReadAllLines(Path.Combine(Root, "INDEX.tsv")).Skip(1))
        {
            if (line.Length > 0)
            {
                cases.Add(line.Split('\t')[0]);
            }
        }

        return cases;
    }
}
