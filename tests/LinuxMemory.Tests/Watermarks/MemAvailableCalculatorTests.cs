using LinuxMemory.MemInfo;
using LinuxMemory.Watermarks;
using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Tests.Watermarks;

public sealed class MemAvailableCalculatorTests
{
    [Fact]
    public void Compute_Firecracker618_EqualsPrintedMemAvailable()
    {
        // si_mem_available from meminfo (MemFree, Active(file), Inactive(file), KReclaimable) and zoneinfo
        // (sum of low, totalreserve_pages = sum over zones of min(managed, max protection + high)); the expected value
        // is the kernel's printed MemAvailable of the same capture.
        ZoneInfoSnapshot zones = Fixtures.ZoneInfo("local-firecracker-6.18");
        MemInfoSnapshot mem = MemInfoParser.Parse(Fixtures.Bytes("local-firecracker-6.18", "meminfo"), "meminfo");
        long[] managed = zones.Zones.Select(z => z.SizePages).ToArray();
        long[] high = zones.Zones.Select(z => z.High!.Value).ToArray();
        long[] protection = zones.Zones.Select(z => z.Protection.ToArray().DefaultIfEmpty(0).Max()).ToArray();
        long sumLow = zones.Zones.Sum(z => z.Low!.Value);

        long reserve = MemAvailableCalculator.TotalReservePages(managed, high, protection);
        long available = MemAvailableCalculator.Compute(
            mem.Get(MemInfoField.MemFree)!.Value / 4,
            mem.Get(MemInfoField.ActiveFile)!.Value / 4,
            mem.Get(MemInfoField.InactiveFile)!.Value / 4,
            mem.Get(MemInfoField.KReclaimable)!.Value / 4,
            sumLow,
            reserve,
            0);

        Assert.Equal(mem.Get(MemInfoField.MemAvailable)!.Value, available * 4);
    }

    [Fact]
    public void TotalReserve_DmaZone_IsCappedAtManaged()
    {
        // DMA 3840 managed, protection max 3786, high 98: min(3840, 3884) = 3840. DMA32: min(772818, 2176 + 20124) = 22300.
        Assert.Equal(3840 + 22300, MemAvailableCalculator.TotalReservePages([3840, 772818], [98, 20124], [3786, 2176]));
    }
}
