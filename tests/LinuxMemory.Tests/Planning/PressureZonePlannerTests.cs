using LinuxMemory.Analysis;
using LinuxMemory.Planning;
using LinuxMemory.Proc;

namespace LinuxMemory.Tests.Planning;

public sealed class PressureZonePlannerTests
{
    private static (WatermarkAnalysis Analysis, ProcMemoryCapture Capture) Load(string fixture, long? minFree = null, long? wsf = null)
    {
        ProcMemoryCapture capture = ProcMemoryReader.Read(Fixtures.Directory(fixture), ProcMemoryReader.DefaultMaxFileBytes);
        return (WatermarkAnalysis.Analyze(capture.ZoneInfo!, capture.Sysctls, minFree, wsf, 4096), capture);
    }

    [Fact]
    public void Place_DefaultThresholdOnFirecracker_IsAboveSummedLow()
    {
        // Summed printed low = 82 + 16770 + 4266 + 32 + 0 = 21150 pages = 86630400 B < 100Mi = 104857600 B.
        (WatermarkAnalysis analysis, ProcMemoryCapture capture) = Load("local-firecracker-6.18");

        PressurePlan plan = PressureZonePlanner.Plan(analysis, capture.MemInfo, capture.Sysctls, new PressurePlanOptions());

        Assert.Equal(104857600, plan.Thresholds[0].Bytes);
        Assert.Equal(EvictionPlacement.BeforeKswapd, plan.Thresholds[0].Placement);
        Assert.NotNull(plan.Proposal);
    }

    [Fact]
    public void Place_ThresholdBelowSummedMin_IsAfterDirectReclaim()
    {
        // Summed min 16927 pages = 69332992 B; 50Mi = 52428800 B is below it.
        (WatermarkAnalysis analysis, _) = Load("local-firecracker-6.18");

        ThresholdPlacement placement = PressureZonePlanner.Place("evictionHard", EvictionThreshold.Parse("50Mi"), 1L << 34, analysis.PrintedTotals, 4096);

        Assert.Equal(EvictionPlacement.AfterDirectReclaim, placement.Placement);
    }

    [Fact]
    public void Place_ThresholdBetweenMinAndLow_IsInsideWindow()
    {
        // 75Mi = 78643200 B lies between 69332992 B (min) and 86630400 B (low).
        (WatermarkAnalysis analysis, _) = Load("local-firecracker-6.18");

        ThresholdPlacement placement = PressureZonePlanner.Place("evictionHard", EvictionThreshold.Parse("75Mi"), 1L << 34, analysis.PrintedTotals, 4096);

        Assert.Equal(EvictionPlacement.InsideKswapdWindow, placement.Placement);
    }

    [Fact]
    public void Plan_Proposal_PutsRecommendedThresholdInsideItsWindow()
    {
        (WatermarkAnalysis analysis, ProcMemoryCapture capture) = Load("local-firecracker-6.18");

        PressurePlan plan = PressureZonePlanner.Plan(analysis, capture.MemInfo, capture.Sysctls, new PressurePlanOptions());
        ProposedTuning proposal = plan.Proposal!.Value;
        ThresholdPlacement check = PressureZonePlanner.Place("proposed", proposal.EvictionHard, plan.MemTotalBytes, proposal.Totals, 4096);

        Assert.Equal(EvictionPlacement.InsideKswapdWindow, check.Placement);
        Assert.True(proposal.MinFreeKbytes > 67584);
        Assert.True(proposal.Totals.ReclaimHeadroom * 4096 >= 640L << 20, "low - min must hold 10 s at 64 MiB/s");
        Assert.True(proposal.MemAvailableChangePages < 0, "higher watermarks cost MemAvailable");
        Assert.Contains(plan.Recommendations, r => r.Setting == "vm.min_free_kbytes");
        Assert.Contains(plan.Recommendations, r => r.Setting == "vm.watermark_scale_factor");
    }

    [Fact]
    public void Plan_WhatIfGkeLikeTuning_ComputesWindowFromProposedValues()
    {
        (WatermarkAnalysis analysis, ProcMemoryCapture capture) = Load("local-firecracker-6.18", 524288, 2000);

        PressurePlan plan = PressureZonePlanner.Plan(analysis, capture.MemInfo, capture.Sysctls, new PressurePlanOptions());

        Assert.Equal(analysis.ComputedTotals, plan.Totals);
        Assert.Null(plan.Proposal);
        Assert.Equal(EvictionPlacement.AfterDirectReclaim, plan.Thresholds[0].Placement);
        Recommendation hard = Assert.Single(plan.Recommendations, r => r.Setting == "kubelet evictionHard memory.available");
        ThresholdPlacement check = PressureZonePlanner.Place("proposed", EvictionThreshold.Parse(hard.Proposed), plan.MemTotalBytes, plan.Totals, 4096);
        Assert.Equal(EvictionPlacement.InsideKswapdWindow, check.Placement);
    }

    [Theory]
    [InlineData("100Mi", 104857600)]
    [InlineData("1Gi", 1073741824)]
    [InlineData("500M", 500000000)]
    [InlineData("1.5Gi", 1610612736)]
    [InlineData("512000Ki", 524288000)]
    [InlineData("1024", 1024)]
    public void EvictionThreshold_Quantities_ParseToBytes(string text, long bytes)
    {
        Assert.Equal(bytes, EvictionThreshold.Parse(text).ResolveBytes(1L << 40));
    }

    [Fact]
    public void EvictionThreshold_Percentage_IsShareOfCapacity()
    {
        // 5 % of 8 GiB (8589934592 B) = 429496729.6 -> truncated 429496729.
        Assert.Equal(429496729, EvictionThreshold.Parse("5%").ResolveBytes(8589934592));
    }

    [Theory]
    [InlineData("")]
    [InlineData("100Mb")]
    [InlineData("-1Mi")]
    [InlineData("120%")]
    [InlineData("Mi")]
    public void EvictionThreshold_BadText_IsRejected(string text)
    {
        Assert.False(EvictionThreshold.TryParse(text, out _));
        Assert.Throws<FormatException>(() => EvictionThreshold.Parse(text));
    }

    [Fact]
    public void LimitedSwap_GkeExample_FollowsKubeletFormula()
    {
        // request 1 GiB, MemTotal 8 GiB, SwapTotal 50e9: 1073741824 / 8589934592 = 0.125; 0.125 * 50e9 = 6250000000.
        Assert.Equal(6250000000, SwapLimitCalculator.LimitedSwapBytes(1L << 30, 8L << 30, 50_000_000_000));
    }

    [Fact]
    public void LimitedSwap_RequestAboveMemTotal_GivesNoSwap()
    {
        Assert.Null(SwapLimitCalculator.LimitedSwapBytes(9L << 30, 8L << 30, 1L << 30));
        Assert.Null(SwapLimitCalculator.LimitedSwapBytes(1, 0, 1L << 30));
    }

    [Fact]
    public void LimitedSwap_Truncates()
    {
        // 1 / 3 * 10 = 3.333... -> 3.
        Assert.Equal(3, SwapLimitCalculator.LimitedSwapBytes(1, 3, 10));
    }
}

public sealed class WhatIfMemAvailableTests
{
    [Fact]
    public void Plan_WhatIf_MemAvailableDropsByReserveIncrease()
    {
        // Firecracker capture: MemFree, file and reclaimable pages are large, so MemAvailable falls by the increase of
        // totalreserve (sum of min(managed, max protection + high)) plus the increase of the two low-watermark caps
        // (min(pagecache/2, sum low) and min(reclaimable/2, sum low)). Computed independently here from the printed
        // and proposed values.
        ProcMemoryCapture capture = ProcMemoryReader.Read(Fixtures.Directory("local-firecracker-6.18"), ProcMemoryReader.DefaultMaxFileBytes);
        WatermarkAnalysis analysis = WatermarkAnalysis.Analyze(capture.ZoneInfo!, capture.Sysctls, 524288, 2000, 4096);

        PressurePlan plan = PressureZonePlanner.Plan(analysis, capture.MemInfo, capture.Sysctls, new PressurePlanOptions());

        long oldReserve = analysis.Zones.Sum(z => Math.Min(z.ManagedPages, z.MaxProtection + z.PrintedHigh!.Value));
        long newReserve = analysis.Zones.Sum(z => Math.Min(z.ManagedPages, z.MaxProtection + z.Computed.High));
        long pageCache = (83100 + 254396) / 4;   // Active(file) + Inactive(file) kB of the capture, in pages
        long reclaimable = 23240 / 4;            // KReclaimable kB, in pages
        long oldLow = analysis.Zones.Sum(z => z.PrintedLow!.Value);
        long newLow = analysis.Zones.Sum(z => z.Computed.Low);
        long expected = -(newReserve - oldReserve)
            - (Math.Min(pageCache / 2, newLow) - Math.Min(pageCache / 2, oldLow))
            - (Math.Min(reclaimable / 2, newLow) - Math.Min(reclaimable / 2, oldLow));

        Assert.Equal(expected, plan.WhatIfMemAvailableChangePages);
        Assert.True(expected < -100_000);
    }
}
