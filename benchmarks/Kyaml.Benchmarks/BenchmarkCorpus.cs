namespace Kyaml.Benchmarks;

/// <summary>The real manifests of the conformance corpus (40 files from public repositories).</summary>
internal static class BenchmarkCorpus
{
    public static byte[][] RealManifests { get; } = Load();

    public static long TotalBytes { get; } = RealManifests.Sum(f => (long)f.Length);

    private static byte[][] Load()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Libraries.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        if (dir is null)
        {
            throw new InvalidOperationException("Run the benchmarks from inside the repository (Libraries.sln not found).");
        }

        string real = Path.Combine(dir, "tests", "Kyaml.Tests", "TestData", "conformance", "real");
        return Directory.GetDirectories(real)
            .Order(StringComparer.Ordinal)
            .Select(d => File.ReadAllBytes(Path.Combine(d, "input.yaml")))
            .ToArray();
    }
}
