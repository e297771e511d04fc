using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kyaml;

namespace Kyaml.Tests.Reader;

/// <summary>The reader reads the writer's output back to the same value, in both layouts.</summary>
public class ReaderRoundTripProperties
{
    [Property(MaxTest = 300)]
    public Property Read_WriterOutput_GivesBackTheSameValue()
    {
        Gen<(KyamlNode Node, bool Compact)> gen =
            from node in KyamlNodeGen.Document()
            from compact in Gen.Elements(false, true)
            select (node, compact);

        return Prop.ForAll(gen.ToArbitrary(), sample =>
        {
            byte[] text = KyamlNodeGen.Write(sample.Node, sample.Compact);
            KyamlNode back = KyamlNodeGen.Read(text);
            return (back.ToString() == Normalize(sample.Node).ToString())
                .Label($"{System.Text.Encoding.UTF8.GetString(text)}\n=> {back}\nexpected {sample.Node}");
        });
    }

    [Property(MaxTest = 300)]
    public Property GetString_WriterOutputOfAnyString_GivesBackTheString()
    {
        return Prop.ForAll(KyamlNodeGen.Text().ToArbitrary(), text =>
        {
            var node = new KyamlMap([new(text, new KyamlList([new KyamlText(text), new KyamlMap([new("k", new KyamlText(text))])]))]);
            foreach (bool compact in new[] { false, true })
            {
                KyamlNode back = KyamlNodeGen.Read(KyamlNodeGen.Write(node, compact));
                if (back.ToString() != node.ToString())
                {
                    return false.Label($"compact={compact}: {back}");
                }
            }

            return true.ToProperty();
        });
    }

    /// <summary>Integral doubles are written in integer form (as Go's JSON encoder would) and read back as integers.</summary>
    private static KyamlNode Normalize(KyamlNode node) => node switch
    {
        KyamlMap map => new KyamlMap(map.Entries.Select(e => new KeyValuePair<string, KyamlNode>(e.Key, Normalize(e.Value))).ToList()),
        KyamlList list => new KyamlList(list.Items.Select(Normalize).ToList()),
        _ => node,
    };
}
