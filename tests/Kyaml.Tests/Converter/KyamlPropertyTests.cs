using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kyaml.Tests.Converter;

public sealed class KyamlPropertyTests
{
    [Property(MaxTest = 300)]
    public Property WriterOutput_ReadByYamlDotNet_GivesSameValue()
    {
        return Prop.ForAll(JsonShapedValues.Arbitrary, Gen.Elements(false, true).ToArbitrary(), (value, compact) =>
        {
            byte[] kyaml = JsonShapedValues.WriteKyaml(value, compact);
            var stream = new YamlStream();
            stream.Load(new StringReader(Encoding.UTF8.GetString(kyaml)));
            Assert.Single(stream.Documents);
            AssertSame(value, stream.Documents[0].RootNode, Encoding.UTF8.GetString(kyaml));
        });
    }

    [Property(MaxTest = 300)]
    public Property WriterOutput_ConvertedAgain_IsUnchanged()
    {
        return Prop.ForAll(JsonShapedValues.Arbitrary, Gen.Elements(false, true).ToArbitrary(), (value, compact) =>
        {
            byte[] kyaml = JsonShapedValues.WriteKyaml(value, compact);
            var options = new KyamlConverterOptions { Compact = compact };
            byte[] once = KyamlConverter.Convert(kyaml, options);
            byte[] twice = KyamlConverter.Convert(once, options);
            Assert.Equal(Encoding.UTF8.GetString(kyaml), Encoding.UTF8.GetString(once));
            Assert.Equal(Encoding.UTF8.GetString(once), Encoding.UTF8.GetString(twice));
        });
    }

    [Property(MaxTest = 200)]
    public Property CompactAndRegular_ConvertToEachOther()
    {
        return Prop.ForAll(JsonShapedValues.Arbitrary, value =>
        {
            byte[] regular = JsonShapedValues.WriteKyaml(value, compact: false);
            byte[] compact = JsonShapedValues.WriteKyaml(value, compact: true);
            Assert.Equal(compact, KyamlConverter.Convert(regular, new KyamlConverterOptions { Compact = true }));
            Assert.Equal(regular, KyamlConverter.Convert(compact));
        });
    }

    private static readonly byte[][] s_inputs = ConformanceCases.All
        .Select(name => File.ReadAllBytes(Path.Combine(ConformanceCases.CaseDirectory(name), "input.yaml")))
        .Where(bytes => bytes.Length < 4000)
        .ToArray();

    [Property(MaxTest = 500)]
    public Property Convert_MutatedInput_SucceedsOrThrowsKyamlException()
    {
        byte[] alphabet = "{}[],:#-?&*!|>'\"\\\n \t%@`~0123456789abc.\r<\u00ff"u8.ToArray();
        Gen<(int Input, int Seed, int Count)> gen =
            from index in Gen.Choose(0, s_inputs.Length - 1)
            from seed in Gen.Choose(0, int.MaxValue)
            from count in Gen.Choose(1, 4)
            select (index, seed, count);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            byte[] input = (byte[])s_inputs[t.Input].Clone();
            var random = new Random(t.Seed);
            for (int i = 0; i < t.Count && input.Length > 0; i++)
            {
                input[random.Next(input.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            foreach (KyamlConverterOptions options in new[]
            {
                new KyamlConverterOptions(),
                new KyamlConverterOptions { KubectlForm = true },
                new KyamlConverterOptions { ReferenceCompatible = true, Compact = true },
            })
            {
                try
                {
                    KyamlConverter.Convert(input, options);
                }
                catch (KyamlException ex)
                {
                    Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                }
            }
        });
    }

    private static void AssertSame(object? expected, YamlNode node, string context)
    {
        switch (expected)
        {
            case string s:
                var scalar = Assert.IsType<YamlScalarNode>(node);
                Assert.Equal(ScalarStyle.DoubleQuoted, scalar.Style);
                Assert.True(s == scalar.Value, $"string {Show(s)} read back as {Show(scalar.Value)} from\n{context}");
                break;
            case long l:
                Assert.Equal(l, long.Parse(Plain(node), CultureInfo.InvariantCulture));
                break;
            case double d:
                Assert.Equal(d, double.Parse(Plain(node), CultureInfo.InvariantCulture));
                break;
            case bool b:
                Assert.Equal(b ? "true" : "false", Plain(node));
                break;
            case null:
                Assert.Equal("null", Plain(node));
                break;
            case List<object?> list:
                var sequence = Assert.IsType<YamlSequenceNode>(node);
                Assert.Equal(list.Count, sequence.Children.Count);
                for (int i = 0; i < list.Count; i++)
                {
                    AssertSame(list[i], sequence.Children[i], context);
                }

                break;
            case List<KeyValuePair<string, object?>> map:
                var mapping = Assert.IsType<YamlMappingNode>(node);
                Assert.Equal(map.Count, mapping.Children.Count);
                int k = 0;
                foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
                {
                    string key = Assert.IsType<YamlScalarNode>(entry.Key).Value!;
                    Assert.True(map[k].Key == key, $"key {Show(map[k].Key)} read back as {Show(key)} from\n{context}");
                    AssertSame(map[k].Value, entry.Value, context);
                    k++;
                }

                break;
        }
    }

    private static string Plain(YamlNode node)
    {
        var scalar = Assert.IsType<YamlScalarNode>(node);
        Assert.Equal(ScalarStyle.Plain, scalar.Style);
        return scalar.Value!;
    }

    private static string Show(string s) =>
        string.Concat(s.Select(c => c < 0x20 || c > 0x7e ? $"\\u{(int)c:x4}" : c.ToString()));
}
