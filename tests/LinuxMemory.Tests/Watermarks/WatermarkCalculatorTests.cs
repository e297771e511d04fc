using LinuxMemory.Watermarks;
using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Tests.Watermarks;

public sealed class WatermarkCalculatorTests
{
    [Fact]
    public void Compute_GkeDefaultTable_ReproducesPublishedNormalZone()
    {
        // Published (kubernetes.io blog, GKE 8 GiB node): Normal managed 1265603 -> min 10504, low 13130, high 15756
        // at min_free_kbytes 67584, wsf 10. Only the Normal zone was published; the total lowmem T must satisfy
        // floor(16896 * 1265603 / T) = 10504, i.e. T in [2035567, 2035760]. Take DMA 3840 and T = 2035600, so
        // DMA32 = 2035600 - 1265603 - 3840 = 766157.
        // Hand calculation: pages_min = 67584 >> 2 = 16896; 16896 * 1265603 = 21383628288; / 2035600 = 10504.6 -> 10504.
        // delta = max(10504 >> 2 = 2626, floor(1265603 * 10 / 10000) = 1265) = 2626; low = 13130; high = 15756.
        ZoneSize[] zones =
        [
            new(0, ZoneType.Dma, 3840, 0), new(0, ZoneType.Dma32, 766157, 0), new(0, ZoneType.Normal, 1265603, 0),
            new(0, ZoneType.Movable, 0, 0), new(0, ZoneType.Device, 0, 0),
        ];

        ZoneWatermarks normal = WatermarkCalculator.Compute(zones, WatermarkSettings.Modern(67584, 10))[2];

        Assert.Equal(new ZoneWatermarks(10504, 13130, 15756, 18382), normal);
    }

    [Fact]
    public void Compute_GkeTunedTable_ReproducesPublishedNormalZone()
    {
        // Published tuned column: Normal managed 1274542 -> min 82109, low 337017, high 591925 at 524288 / 2000.
        // T in [2034549, 2034573]; take T = 2034560: DMA 3840, DMA32 = 2034560 - 1274542 - 3840 = 756178.
        // Hand calculation: pages_min = 524288 >> 2 = 131072; 131072 * 1274542 / 2034560 = 82109.4 -> 82109.
        // delta = max(82109 >> 2 = 20527, floor(1274542 * 2000 / 10000) = 254908) = 254908;
        // low = 82109 + 254908 = 337017; high = 337017 + 254908 = 591925.
        ZoneSize[] zones =
        [
            new(0, ZoneType.Dma, 3840, 0), new(0, ZoneType.Dma32, 756178, 0), new(0, ZoneType.Normal, 1274542, 0),
        ];

        ZoneWatermarks normal = WatermarkCalculator.Compute(zones, WatermarkSettings.Modern(524288, 2000))[2];

        Assert.Equal(82109, normal.Min);
        Assert.Equal(337017, normal.Low);
        Assert.Equal(591925, normal.High);
    }

    [Theory]
    [InlineData("local-firecracker-6.18", 67584, 10, WatermarkFormula.ScaleFactor)]
    [InlineData("arm32-cma-innofirmware", 2008, 0, WatermarkFormula.Legacy)]
    [InlineData("arm32-tiny-zteorange", 1227, 0, WatermarkFormula.Legacy)]
    [InlineData("legacy-2.6.16-d2000", 724, 0, WatermarkFormula.Legacy)]
    [InlineData("x86-pre3.8-twaite", 67584, 0, WatermarkFormula.Legacy)]
    [InlineData("android-arm32-highmem-i5", 2787, 0, WatermarkFormula.Legacy)]
    public void Compute_FixtureWithKnownSysctls_EqualsKernelPrintedValues(string fixture, long minFree, long wsf, WatermarkFormula formula)
    {
        // min_free_kbytes from the capture's sys/vm/min_free_kbytes, except android-arm32-highmem-i5 which has none:
        // its value is the square-root rule, 4 * sqrt(121412 pages * 4 kB) = 4 * sqrt(485648) = 2787.5 -> 2787.
        // Kernels before 4.6 (no watermark_scale_factor file) use the legacy formula; the expected values are the
        // kernel's printed min/low/high of every zone.
        ZoneInfoSnapshot snapshot = Fixtures.ZoneInfo(fixture);
        ZoneSize[] sizes = snapshot.Zones.Select(z => new ZoneSize(z.Node, z.Type, z.SizePages, z.Boost ?? 0)).ToArray();
        bool movableRule = snapshot.Zones.Any(z => z.Type == ZoneType.Movable && z.Min == 32);

        ZoneWatermarks[] computed = WatermarkCalculator.Compute(sizes, new WatermarkSettings(minFree, wsf, formula, movableRule, 4096));

        for (int i = 0; i < sizes.Length; i++)
        {
            MemoryZone zone = snapshot.Zones[i];
            Assert.Equal((zone.Name, zone.Min, zone.Low, zone.High), (zone.Name, (long?)computed[i].Min, (long?)computed[i].Low, (long?)computed[i].High));
            if (zone.Promo is long promo)
            {
                Assert.Equal(promo, computed[i].Promo);
            }
        }
    }

    [Fact]
    public void Compute_ZteorangeLegacyRule_GivesHigh459NotNewRule458()
    {
        // Single Normal zone, managed 23603, min_free_kbytes 1227: pages_min = 1227 >> 2 = 306 = share.
        // Legacy: low = 306 + (306 >> 2) = 382, high = 306 + (306 >> 1) = 459 (printed).
        // 4.6+ rule: delta = max(76, floor(23603 * 10 / 10000) = 23) = 76, high = 306 + 152 = 458.
        ZoneSize[] zones = [new(0, ZoneType.Normal, 23603, 0)];

        ZoneWatermarks legacy = WatermarkCalculator.Compute(zones, new WatermarkSettings(1227, 10, WatermarkFormula.Legacy, true, 4096))[0];
        ZoneWatermarks modern = WatermarkCalculator.Compute(zones, WatermarkSettings.Modern(1227, 10))[0];

        Assert.Equal(new ZoneWatermarks(306, 382, 459, 459), legacy);
        Assert.Equal(458, modern.High);
    }

    [Fact]
    public void Compute_HighMemZone_ClampsMinAndKeepsProportionalDelta()
    {
        // Normal 121412 + HighMem 129238 pages, min_free_kbytes 2787 -> pages_min 696, lowmem = 121412 (HighMem excluded).
        // HighMem: min = clamp(129238 / 1024 = 126, 32, 128) = 126; share = floor(696 * 129238 / 121412) = 740;
        // legacy low = 126 + 185 = 311, high = 126 + 370 = 496.
        ZoneSize[] zones = [new(0, ZoneType.Normal, 121412, 0), new(0, ZoneType.HighMem, 129238, 0)];

        ZoneWatermarks highMem = WatermarkCalculator.Compute(zones, new WatermarkSettings(2787, 10, WatermarkFormula.Legacy, true, 4096))[1];

        Assert.Equal(new ZoneWatermarks(126, 311, 496, 496), highMem);
    }

    [Fact]
    public void Compute_EmptyMovableZone_NewRuleGives32OldRuleGives0()
    {
        ZoneSize[] zones = [new(0, ZoneType.Normal, 100000, 0), new(0, ZoneType.Movable, 0, 0)];

        Assert.Equal(32, WatermarkCalculator.Compute(zones, WatermarkSettings.Modern(4096, 10))[1].Min);
        Assert.Equal(0, WatermarkCalculator.Compute(zones, new WatermarkSettings(4096, 10, WatermarkFormula.ScaleFactor, false, 4096))[1].Min);
    }

    [Fact]
    public void Compute_Boost_IsAddedToEveryMark()
    {
        // One zone of 100000 pages, min_free 4096 kB -> 1024 pages; delta = max(256, 100) = 256; boost 512 on top.
        ZoneSize[] zones = [new(0, ZoneType.Normal, 100000, 512)];

        Assert.Equal(new ZoneWatermarks(1536, 1792, 2048, 2304), WatermarkCalculator.Compute(zones, WatermarkSettings.Modern(4096, 10))[0]);
    }

    [Fact]
    public void PagesMin_64KPages_ShiftsBySix()
    {
        // 64 KiB pages: PAGE_SHIFT 16, so kB >> 6. 524288 kB / 64 = 8192 pages.
        Assert.Equal(8192, WatermarkCalculator.PagesMin(524288, 65536));
    }

    [Theory]
    [InlineData(1L << 20, 4096)]
    [InlineData(2L << 20, 5792)]
    [InlineData(4L << 20, 8192)]
    [InlineData(8L << 20, 11585)]
    [InlineData(16L << 20, 16384)]
    [InlineData(64L << 20, 32768)]
    [InlineData(1L << 30, 131072)]
    public void SquareRoot_MemorySizes_MatchTable(long lowmemKb, long expected)
    {
        // Hand calculation: 4 * sqrt(kB), floored. 1 GiB = 1048576 kB -> 4 * 1024 = 4096; 2 GiB -> 4 * 1448.15 = 5792.6;
        // 8 GiB -> int_sqrt(8388608 * 16) = int_sqrt(134217728) = 11585 (the research table rounds to 11584);
        // 1 TiB -> 4 * 32768 = 131072 (below the 262144 clamp).
        Assert.Equal(expected, MinFreeKbytesRules.SquareRoot(lowmemKb, MinFreeKbytesRules.SquareRootCeilingKbytes));
    }

    [Fact]
    public void SquareRoot_Clamps_AtBothEnds()
    {
        Assert.Equal(128, MinFreeKbytesRules.SquareRoot(100, MinFreeKbytesRules.SquareRootCeilingKbytes));
        Assert.Equal(65536, MinFreeKbytesRules.SquareRoot(1L << 40, MinFreeKbytesRules.LegacySquareRootCeilingKbytes));
        Assert.Equal(262144, MinFreeKbytesRules.SquareRoot(1L << 40, MinFreeKbytesRules.SquareRootCeilingKbytes));
    }

    [Theory]
    [InlineData(2, 45056)]
    [InlineData(3, 67584)]
    [InlineData(4, 90112)]
    public void TransparentHugePage_X86Zones_Gives22528PerZone(int zones, long expected)
    {
        // 11 * 512 pages * zones * 4 kB = 22528 kB per zone (lowmem large enough that the 5 % cap is not hit).
        Assert.Equal(expected, MinFreeKbytesRules.TransparentHugePage(zones, 512, 2_000_000, 4096));
    }

    [Fact]
    public void TransparentHugePage_SmallVm_HitsFivePercentCap()
    {
        // 768 MiB VM: 172760 free buffer pages / 20 = 8638 pages = 34552 kB < 3 * 22528.
        Assert.Equal(34552, MinFreeKbytesRules.TransparentHugePage(3, 512, 172760, 4096));
    }

    [Fact]
    public void MaxBoost_DefaultFactor_IsOneAndAHalfHigh()
    {
        // mult_frac(10000, 15000, 10000) = 15000; zones under 4 pageblocks are never boosted.
        Assert.Equal(15000, WatermarkBoost.MaxBoostPages(10000, 15000, 100000, 512));
        Assert.Equal(0, WatermarkBoost.MaxBoostPages(10000, 15000, 2047, 512));
    }

    [Fact]
    public void InferBoost_ProcfsDma32_FindsAtLeast13311()
    {
        // procfs fixture DMA32: min 19510, low 21059 -> low - min = 1549 -> unboosted min at most 4*1549+3 = 6199,
        // so boost >= 19510 - 6199 = 13311 (the research note infers 13312 = 26 pageblocks).
        Assert.Equal(13311, WatermarkBoost.InferBoost(19510, 21059));
    }
}
