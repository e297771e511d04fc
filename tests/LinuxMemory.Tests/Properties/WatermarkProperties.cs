using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LinuxMemory.Watermarks;
using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Tests.Properties;

public sealed class WatermarkProperties
{
    private static readonly ZoneType[] s_types =
        [ZoneType.Dma, ZoneType.Dma32, ZoneType.Normal, ZoneType.HighMem, ZoneType.Movable, ZoneType.Device];

    private static Gen<ZoneSize> ZoneGen() =>
        from type in Gen.Elements(s_types)
        from managed in Gen.OneOf(Gen.Choose(0, 4096), Gen.Choose(0, int.MaxValue))
        from scale in Gen.Choose(0, 4)
        from boost in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, 20000)))
        select new ZoneSize(0, type, type == ZoneType.Device ? 0 : (long)managed << scale, boost);

    private static Gen<WatermarkSettings> SettingsGen() =>
        from minFree in Gen.OneOf(Gen.Choose(0, 1 << 20), Gen.Choose(0, int.MaxValue))
        from wsf in Gen.Choose(1, 3000)
        from legacy in Gen.Elements(false, true)
        from movable in Gen.Elements(false, true)
        select new WatermarkSettings(minFree, wsf, legacy ? WatermarkFormula.Legacy : WatermarkFormula.ScaleFactor, movable, 4096);

    private static Arbitrary<(ZoneSize[] Zones, WatermarkSettings Settings)> Cases() =>
        (from zones in Gen.ArrayOf(ZoneGen()).Where(z => z.Length is > 0 and <= 12)
         from settings in SettingsGen()
         select (zones, settings)).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Compute_AnyInput_MinLowHighPromoOrdered() =>
        Prop.ForAll(Cases(), c => WatermarkCalculator.Compute(c.Zones, c.Settings)
            .All(w => 0 <= w.Min && w.Min <= w.Low && w.Low <= w.High && w.High <= w.Promo));

    [Property(MaxTest = 300)]
    public Property Compute_LargerMinFreeKbytes_NeverLowersAMark() =>
        Prop.ForAll(Cases(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, extra) =>
        {
            ZoneWatermarks[] before = WatermarkCalculator.Compute(c.Zones, c.Settings);
            ZoneWatermarks[] after = WatermarkCalculator.Compute(c.Zones, c.Settings with { MinFreeKbytes = c.Settings.MinFreeKbytes + extra });
            return before.Zip(after).All(p => p.First.Min <= p.Second.Min && p.First.Low <= p.Second.Low && p.First.High <= p.Second.High);
        });

    [Property(MaxTest = 300)]
    public Property Compute_LargerScaleFactor_NeverLowersAMark() =>
        Prop.ForAll(Cases(), Gen.Choose(0, 3000).ToArbitrary(), (c, extra) =>
        {
            ZoneWatermarks[] before = WatermarkCalculator.Compute(c.Zones, c.Settings);
            ZoneWatermarks[] after = WatermarkCalculator.Compute(c.Zones, c.Settings with { WatermarkScaleFactor = c.Settings.WatermarkScaleFactor + extra });
            return before.Zip(after).All(p => p.First.Min == p.Second.Min && p.First.Low <= p.Second.Low && p.First.High <= p.Second.High);
        });

    [Property(MaxTest = 500)]
    public Property Compute_LowmemZoneMins_SumToPagesMinWithinOnePagePerZone() =>
        Prop.ForAll(Cases(), c =>
        {
            ZoneSize[] zones = c.Zones.Select(z => z with { BoostPages = 0 }).ToArray();
            ZoneWatermarks[] marks = WatermarkCalculator.Compute(zones, c.Settings);
            bool IsLow(ZoneSize z) => z.Type != ZoneType.HighMem && !(c.Settings.MovableUsesHighMemRule && z.Type == ZoneType.Movable);
            long lowmem = zones.Where(IsLow).Sum(z => z.ManagedPages);
            long sum = zones.Select((z, i) => IsLow(z) ? marks[i].Min : 0).Sum();
            long pagesMin = c.Settings.MinFreeKbytes >> 2;
            int count = zones.Count(z => IsLow(z) && z.ManagedPages > 0);
            return lowmem == 0 ? sum == 0 : sum <= pagesMin && sum > pagesMin - Math.Max(count, 1);
        });
}
