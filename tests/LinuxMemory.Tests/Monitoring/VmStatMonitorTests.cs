using LinuxMemory.Monitoring;
using LinuxMemory.VmStat;

namespace LinuxMemory.Tests.Monitoring;

public sealed class VmStatMonitorTests
{
    [Fact]
    public void Compare_TwoReads_GivesRatesPerSecond()
    {
        VmStatSnapshot before = VmStatParser.Parse("pswpin 100\npswpout 200\npgscan_kswapd 1000\npgsteal_kswapd 800\nallocstall_normal 1\nallocstall_movable 2\n"u8, "a");
        VmStatSnapshot after = VmStatParser.Parse("pswpin 100\npswpout 1200\npgscan_kswapd 3000\npgsteal_kswapd 1800\nallocstall_normal 5\nallocstall_movable 2\n"u8, "b");

        ReclaimRates rates = VmStatMonitor.Compare(before, after, TimeSpan.FromSeconds(2));

        Assert.Equal(0, rates.SwapInPerSecond);
        Assert.Equal(500, rates.SwapOutPerSecond);
        Assert.Equal(1000, rates.KswapdScanPerSecond);
        Assert.Equal(500, rates.KswapdStealPerSecond);
        Assert.Equal(0.5, rates.KswapdEfficiency);
        Assert.Equal(2, rates.AllocStallsPerSecond);
        Assert.False(rates.IsThrashing);
    }

    [Fact]
    public void Compare_SwapInAndOutTogether_FlagsThrashing()
    {
        VmStatSnapshot before = VmStatParser.Parse("pswpin 0\npswpout 0\n"u8, "a");
        VmStatSnapshot after = VmStatParser.Parse("pswpin 5000\npswpout 6000\n"u8, "b");

        Assert.True(VmStatMonitor.Compare(before, after, TimeSpan.FromSeconds(10)).IsThrashing);
    }

    [Fact]
    public void Compare_OldKernelPerZoneCounters_AreSummed()
    {
        // 3.x prints pgscan_kswapd_dma32 / pgscan_kswapd_normal and pgscan_direct_throttle (not a scan count).
        VmStatSnapshot snapshot = VmStatParser.Parse("pgscan_kswapd_dma32 5\npgscan_kswapd_normal 7\npgscan_direct_throttle 100\npgscan_direct_normal 3\n"u8, "v");

        Assert.Equal(12, snapshot.Get(VmStatField.ScanKswapd));
        Assert.Equal(3, snapshot.Get(VmStatField.ScanDirect));
    }

    [Fact]
    public void Compare_CounterReset_CountsAsZero()
    {
        VmStatSnapshot before = VmStatParser.Parse("pswpout 1000\n"u8, "a");
        VmStatSnapshot after = VmStatParser.Parse("pswpout 10\n"u8, "b");

        Assert.Equal(0, VmStatMonitor.Compare(before, after, TimeSpan.FromSeconds(1)).SwapOutPerSecond);
    }

    [Theory]
    [MemberData(nameof(FixturesWithVmStat))]
    public void Parse_FixtureVmStat_ReadsCounters(string fixture)
    {
        VmStatSnapshot snapshot = VmStatParser.Parse(Fixtures.Bytes(fixture, "vmstat"), "vmstat");

        Assert.True(snapshot.LineCount > 10);
        Assert.NotNull(snapshot.Get(VmStatField.SwapOut));
    }

    public static TheoryData<string> FixturesWithVmStat()
    {
        var data = new TheoryData<string>();
        foreach (string name in Fixtures.All.Where(n => n != "procfs-testdata"))
        {
            data.Add(name);
        }

        return data;
    }
}

public sealed class VmStatSamplerTests
{
    [Fact]
    public void Sample_TwoReadsTenSecondsApart_GivesRates()
    {
        string path = Path.Combine(Path.GetTempPath(), $"vmstat-{Guid.NewGuid():N}");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        try
        {
            var sampler = new VmStatSampler(path, clock);
            File.WriteAllText(path, "pswpin 10\npswpout 20\nallocstall_normal 0\n");
            Assert.Null(sampler.Sample());

            clock.Advance(TimeSpan.FromSeconds(10));
            File.WriteAllText(path, "pswpin 5010\npswpout 6020\nallocstall_normal 30\n");
            ReclaimRates rates = sampler.Sample()!.Value;

            // (5010 - 10) / 10 s = 500 pages/s in, (6020 - 20) / 10 = 600 out: both above 256 -> thrashing.
            Assert.Equal(500, rates.SwapInPerSecond);
            Assert.Equal(600, rates.SwapOutPerSecond);
            Assert.Equal(3, rates.AllocStallsPerSecond);
            Assert.True(rates.IsThrashing);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
