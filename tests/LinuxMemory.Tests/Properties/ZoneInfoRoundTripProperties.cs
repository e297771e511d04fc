using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Tests.Properties;

public sealed class ZoneInfoRoundTripProperties
{
    private static readonly string[] s_names = ["DMA", "DMA32", "Normal", "HighMem", "Movable", "Device", "Mystery"];

    private sealed record GenZone(int Node, string Name, long?[] Fields, long[]? Protection);

    private static Gen<long?> Optional(Gen<long> value) =>
        Gen.Frequency((3, value.Select(v => (long?)v)), (1, Gen.Constant((long?)null)));

    private static Gen<GenZone> ZoneGen(int node, string name) =>
        from min in Gen.Choose(0, 1 << 20)
        from d1 in Gen.Choose(0, 1 << 20)
        from d2 in Gen.Choose(0, 1 << 20)
        from free in Optional(Gen.Choose(0, int.MaxValue).Select(v => (long)v))
        from boost in Optional(Gen.Choose(0, 4096).Select(v => (long)v))
        from promo in Optional(Gen.Choose(0, 1 << 20).Select(v => (long)v))
        from present in Gen.Choose(0, int.MaxValue)
        from managed in Optional(Gen.Choose(0, int.MaxValue).Select(v => (long)v))
        from cma in Optional(Gen.Constant(0L))
        from protection in Gen.Frequency((3, Gen.ArrayOf(Gen.Choose(0, 1 << 24).Select(v => (long)v)).Where(a => a.Length <= 6)), (1, Gen.Constant<long[]>(null!)))
        select new GenZone(node, name,
            [free, boost, min, min + d1, min + d1 + d2, promo is null ? null : min + d1 + d2 + promo, present, present, managed, cma],
            protection);

    private static Gen<string> FileGen() =>
        from nodes in Gen.Choose(1, 3)
        from perNode in Gen.Choose(1, 5)
        from stats in Gen.ArrayOf(Gen.Choose(0, 1 << 30)).Where(a => a.Length >= 4)
        from zones in Gen.CollectToArray(Enumerable.Range(0, nodes * perNode).Select(i => ZoneGen(i / perNode, s_names[i % perNode == 4 ? 6 : i % perNode])))
        select Render(zones.ToArray(), stats);

    private static string Render(GenZone[] zones, int[] stats)
    {
        var text = new StringBuilder();
        int lastNode = -1;
        foreach (GenZone zone in zones)
        {
            text.Append(CultureInfo.InvariantCulture, $"Node {zone.Node}, zone {zone.Name,8}\n");
            if (zone.Node != lastNode)
            {
                lastNode = zone.Node;
                text.Append(CultureInfo.InvariantCulture,
                    $"  per-node stats\n      nr_inactive_anon 5\n      nr_inactive_file {stats[0]}\n      nr_active_file {stats[1]}\n      nr_slab_reclaimable {stats[2]}\n");
                if (stats[3] % 2 == 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"                   {stats[3]}\n");
                }
            }

            string[] keys = ["pages free", "boost", "min", "low", "high", "promo", "spanned", "present", "managed", "cma"];
            for (int i = 0; i < keys.Length; i++)
            {
                if (zone.Fields[i] is long value)
                {
                    text.Append(i == 0
                        ? string.Create(CultureInfo.InvariantCulture, $"  pages free     {value}\n")
                        : string.Create(CultureInfo.InvariantCulture, $"        {keys[i],-8} {value}\n"));
                }
            }

            if (zone.Protection is not null)
            {
                text.Append("        protection: (").Append(string.Join(", ", zone.Protection)).Append(")\n");
            }

            text.Append("  pagesets\n    cpu: 0\n              count:    1\n              high:     6\n  node_unreclaimable:  0\n");
        }

        return text.ToString();
    }

    private static string Describe(ZoneInfoSnapshot s) =>
        string.Join('\n', s.Zones.Select(z =>
            $"{z.Node} {z.Name} {z.Type} {z.PagesFree} {z.Boost} {z.Min} {z.Low} {z.High} {z.Promo} {z.Spanned} {z.Present} {z.Managed} {z.Cma} {z.NrFreePages} {z.HasProtection} [{string.Join(',', z.Protection.ToArray())}]"))
        + "\n" + string.Join('\n', s.Nodes.Select(n => $"{n.Node} {n.InactiveFile} {n.ActiveFile} {n.SlabReclaimable} {n.KernelMiscReclaimable} {n.UnnamedValue}"));

    [Property(MaxTest = 200)]
    public Property Format_ParsedSnapshot_ParsesBackToSameSnapshot() =>
        Prop.ForAll(FileGen().ToArbitrary(), text =>
        {
            ZoneInfoSnapshot first = ZoneInfoParser.Parse(Encoding.ASCII.GetBytes(text), "generated");
            using var printed = new StringWriter(CultureInfo.InvariantCulture);
            ZoneInfoFormatter.Write(first, printed);
            ZoneInfoSnapshot second = ZoneInfoParser.Parse(Encoding.ASCII.GetBytes(printed.ToString()), "printed");
            return Describe(first) == Describe(second);
        });

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Format_Fixture_ParsesBackToSameSnapshot(string fixture)
    {
        ZoneInfoSnapshot first = Fixtures.ZoneInfo(fixture);
        using var printed = new StringWriter(CultureInfo.InvariantCulture);
        ZoneInfoFormatter.Write(first, printed);

        ZoneInfoSnapshot second = ZoneInfoParser.Parse(Encoding.ASCII.GetBytes(printed.ToString()), "printed");

        Assert.Equal(Describe(first), Describe(second));
    }

    public static TheoryData<string> FixtureNames() => Fixtures.Names();
}
