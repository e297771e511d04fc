using System.Text;

namespace Kyaml.Tests.Converter;

/// <summary>In the default mode, converting our own output again gives the same bytes, for every conformance case.</summary>
public sealed class IdempotenceTests
{
    public static TheoryData<string> ConvertibleCases()
    {
        var data = new TheoryData<string>();
        foreach (string name in ConformanceCases.All)
        {
            string dir = ConformanceCases.CaseDirectory(name);
            if (File.Exists(Path.Combine(dir, "expected.kyaml"))
                && !File.Exists(Path.Combine(ConformanceCases.Root, "corrected", name, "expected.error")))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConvertibleCases))]
    public void Convert_DefaultOutputConvertedAgain_IsUnchanged(string name)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(ConformanceCases.CaseDirectory(name), "input.yaml"));
        foreach (bool compact in new[] { false, true })
        {
            var options = new KyamlConverterOptions { Compact = compact };
            byte[] once = KyamlConverter.Convert(input, options);
            byte[] twice = KyamlConverter.Convert(once, options);
            Assert.True(
                once.AsSpan().SequenceEqual(twice),
                $"{name} (compact={compact}) changed on a second pass:\n--- first\n{Encoding.UTF8.GetString(once)}"
                + $"\n--- second\n{Encoding.UTF8.GetString(twice)}");
        }
    }
}
