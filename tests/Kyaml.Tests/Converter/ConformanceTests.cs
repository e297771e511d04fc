using System.Text;

namespace Kyaml.Tests.Converter;

/// <summary>
/// Byte-for-byte comparison with the reference encoder (kubernetes-sigs/yaml v1.6.0) on every conformance case:
/// regular, compact and kubectl forms, in reference-compatible mode and in the default mode.
/// </summary>
public sealed class ConformanceTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in ConformanceCases.All)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Convert_ReferenceCompatibleRegular_MatchesReferenceBytes(string name)
    {
        AssertCase(name, "expected", new KyamlConverterOptions { ReferenceCompatible = true });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Convert_ReferenceCompatibleCompact_MatchesReferenceBytes(string name)
    {
        AssertCase(name, "expected-compact", new KyamlConverterOptions { ReferenceCompatible = true, Compact = true });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Convert_DefaultRegular_MatchesReferenceOrCorrectedGolden(string name)
    {
        AssertCase(name, "expected", new KyamlConverterOptions(), corrected: true);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Convert_DefaultCompact_MatchesReferenceOrCorrectedGolden(string name)
    {
        AssertCase(name, "expected-compact", new KyamlConverterOptions { Compact = true }, corrected: true);
    }

    public static TheoryData<string> KubectlCases()
    {
        var data = new TheoryData<string>();
        foreach (string name in ConformanceCases.All)
        {
            string dir = ConformanceCases.CaseDirectory(name);
            if (File.Exists(Path.Combine(dir, "expected-kubectl.kyaml"))
                || File.Exists(Path.Combine(dir, "expected-kubectl.error")))
            {
                data.Add(name);
            }
        }

        return data;
    }

    // Go values of the upstream object tests whose JSON already has sorted keys and only integers: the kubectl
    // form of that JSON must equal the reference's own rendering of the object.
    public static TheoryData<string> SortedObjectCases()
    {
        var data = new TheoryData<string>();
        foreach (string name in ConformanceCases.All)
        {
            if (name.StartsWith("upstream/from-object/", StringComparison.Ordinal)
                && File.Exists(Path.Combine(ConformanceCases.CaseDirectory(name), "expected.kyaml"))
                && IsSortedJsonObjectInput(File.ReadAllBytes(
                    Path.Combine(ConformanceCases.CaseDirectory(name), "input.yaml"))))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KubectlCases))]
    public void Convert_ReferenceCompatibleKubectlForm_MatchesKubectlBytes(string name)
    {
        AssertCase(name, "expected-kubectl", new KyamlConverterOptions { KubectlForm = true, ReferenceCompatible = true });
    }

    [Theory]
    [MemberData(nameof(KubectlCases))]
    public void Convert_DefaultKubectlForm_MatchesKubectlOrCorrectedGolden(string name)
    {
        AssertCase(name, "expected-kubectl", new KyamlConverterOptions { KubectlForm = true }, corrected: true);
    }

    [Theory]
    [MemberData(nameof(SortedObjectCases))]
    public void Convert_KubectlFormOfObjectJson_MatchesReferenceObjectRendering(string name)
    {
        AssertCase(name, "expected", new KyamlConverterOptions { KubectlForm = true });
    }

    [Fact]
    public void Corpus_HasEveryIndexedCase_WithInputAndExpectation()
    {
        Assert.Equal(240, ConformanceCases.All.Count);
        foreach (string name in ConformanceCases.All)
        {
            string dir = ConformanceCases.CaseDirectory(name);
            Assert.True(File.Exists(Path.Combine(dir, "input.yaml")), name);
            Assert.True(
                File.Exists(Path.Combine(dir, "expected.kyaml")) || File.Exists(Path.Combine(dir, "expected.error")),
                name);
        }
    }

    [Fact]
    public void Corrected_ListsOnlyReferenceDefectCases()
    {
        string[] expected =
        [
            "real/ansible-intro-example", "real/ansible-lamp-common-tasks", "real/cassandra-config",
            "real/helm-values-alertmanager", "real/helm-values-pushgateway",
            "thirdparty/test-kyaml-unquoted-keys", "tricky/anchors-aliases", "tricky/comments-blank-lines",
            "tricky/empty-and-null", "tricky/json-slash-escape", "tricky/json-surrogate-escape",
            "tricky/empty-sequence-item", "tricky/keys-nonstring", "tricky/merge-keys",
            "tricky/multiline-leading-escaped-whitespace", "tricky/tags",
        ];
        string dir = Path.Combine(ConformanceCases.Root, "corrected");
        string[] actual = Directory.GetFiles(dir, "expected*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, Path.GetDirectoryName(f)!).Replace(Path.DirectorySeparatorChar, '/'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual);
    }

    private static void AssertCase(string name, string expectedStem, KyamlConverterOptions options, bool corrected = false)
    {
        string dir = ConformanceCases.CaseDirectory(name);
        byte[] input = File.ReadAllBytes(Path.Combine(dir, "input.yaml"));
        string expectedFile = Path.Combine(dir, expectedStem + ".kyaml");
        string errorFile = Path.Combine(dir, expectedStem + ".error");
        string known = Path.Combine(ConformanceCases.Root, "known-differences", name, expectedStem + ".kyaml");
        if (File.Exists(known))
        {
            // Documented in known-differences/README.md: our output, which differs from the reference's there.
            expectedFile = known;
        }
        if (corrected)
        {
            string golden = Path.Combine(ConformanceCases.CorrectedDirectory(name), expectedStem + ".kyaml");
            string goldenError = Path.Combine(ConformanceCases.CorrectedDirectory(name), expectedStem + ".error");
            if (File.Exists(golden) || File.Exists(goldenError))
            {
                expectedFile = golden;
                errorFile = goldenError;
            }
        }

        if (File.Exists(errorFile))
        {
            KyamlException ex = Assert.Throws<KyamlException>(() => KyamlConverter.Convert(input, options));
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            return;
        }

        byte[] expected = File.ReadAllBytes(expectedFile);
        byte[] actual = KyamlConverter.Convert(input, options);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Fail($"{name} ({expectedStem}) differs.\n--- expected\n{Show(expected)}\n--- actual\n{Show(actual)}");
        }
    }

    // From-object cases whose JSON has keys in sorted order (Go sorts map keys; struct fields keep their order).
    private static bool IsSortedJsonObjectInput(byte[] input)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(input);
        return IsSorted(doc.RootElement);
    }

    private static bool IsSorted(System.Text.Json.JsonElement e)
    {
        switch (e.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                string? previous = null;
                foreach (System.Text.Json.JsonProperty p in e.EnumerateObject())
                {
                    if (previous is not null && string.CompareOrdinal(previous, p.Name) >= 0)
                    {
                        return false;
                    }

                    if (!IsSorted(p.Value))
                    {
                        return false;
                    }

                    previous = p.Name;
                }

                return true;
            case System.Text.Json.JsonValueKind.Array:
                return e.EnumerateArray().All(IsSorted);
            case System.Text.Json.JsonValueKind.Number:
                // Go re-formats numbers; only integers are written back unchanged.
                return long.TryParse(e.GetRawText(), out _);
            default:
                return true;
        }
    }

    private static string Show(byte[] bytes)
    {
        return Encoding.UTF8.GetString(bytes).Replace("\t", "→", StringComparison.Ordinal) + "⏎";
    }
}
