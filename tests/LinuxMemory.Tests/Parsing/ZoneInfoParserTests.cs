using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Tests.Parsing;

public sealed class ZoneInfoParserTests
{
    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Parse_EveryFixture_GivesZonesWithWatermarks(string fixture)
    {
        ZoneInfoSnapshot snapshot = Fixtures.ZoneInfo(fixture);

        Assert.NotEmpty(snapshot.Zones);
        foreach (MemoryZone zone in snapshot.Zones)
        {
            Assert.NotNull(zone.Min);
            Assert.True(zone.Low >= zone.Min && zone.High >= zone.Low, $"{zone.Name}: {zone.Min}/{zone.Low}/{zone.High}");
            Assert.NotEqual(ZoneType.Other, zone.Type);
        }
    }

    public static TheoryData<string> FixtureNames() => Fixtures.Names();

    [Fact]
    public void Parse_Firecracker618_ReadsBoostPromoCmaAndEmptyZones()
    {
        // Values as printed in local-firecracker-6.18/zoneinfo.
        ZoneInfoSnapshot snapshot = Fixtures.ZoneInfo("local-firecracker-6.18");

        Assert.Equal(["DMA", "DMA32", "Normal", "Movable", "Device"], snapshot.Zones.Select(z => z.Name));
        MemoryZone dma32 = Fixtures.Zone(snapshot, 0, "DMA32");
        Assert.Equal(13416, dma32.Min);
        Assert.Equal(16770, dma32.Low);
        Assert.Equal(20124, dma32.High);
        Assert.Equal(0, dma32.Boost);
        Assert.Equal(772818, dma32.Managed);
        Assert.Equal(0, dma32.Cma);
        Assert.NotNull(dma32.Promo);
        MemoryZone movable = Fixtures.Zone(snapshot, 0, "Movable");
        Assert.Equal(32, movable.Min);
        Assert.Equal(0, movable.Managed);
        Assert.False(movable.IsPopulated);
        MemoryZone dma = Fixtures.Zone(snapshot, 0, "DMA");
        Assert.Equal(5, dma.Protection.Length);
        Assert.Single(snapshot.Nodes);
        Assert.NotNull(snapshot.Nodes[0].InactiveFile);
    }

    [Fact]
    public void Parse_Pcp006_KeepsNamelessNodeStatsValue()
    {
        ZoneInfoSnapshot snapshot = Fixtures.ZoneInfo("pcp-meminfo-006");

        // The line '                   176096' under per-node stats of node 0.
        Assert.Equal(176096, snapshot.FindNode(0)!.UnnamedValue);
    }

    [Fact]
    public void Parse_Pcp002_ReadsTwoNumaNodes()
    {
        ZoneInfoSnapshot snapshot = Fixtures.ZoneInfo("pcp-meminfo-002-numa2");

        Assert.Equal([0, 1], snapshot.Zones.Select(z => z.Node).Distinct());
        Assert.Contains(snapshot.Zones, z => z.Node == 1 && z.Name == "Normal");
    }

    [Fact]
    public void Parse_Legacy2616_HasNoManagedAndUsesPresent()
    {
        ZoneInfoSnapshot snapshot = Fixtures.ZoneInfo("legacy-2.6.16-d2000");

        MemoryZone zone = snapshot.Zones[0];
        Assert.Null(zone.Managed);
        Assert.Equal(8192, zone.Present);
        Assert.Equal(8192, zone.SizePages);
        Assert.Equal(181, zone.Min);
    }

    [Fact]
    public void Parse_Android345_ReadsHighMemZone()
    {
        ZoneInfoSnapshot snapshot = Fixtures.ZoneInfo("android-arm32-highmem-i5");

        MemoryZone highMem = Fixtures.Zone(snapshot, 0, "HighMem");
        Assert.Equal(ZoneType.HighMem, highMem.Type);
        Assert.Equal(129238, highMem.Present);
        Assert.Equal(126, highMem.Min);
    }

    [Fact]
    public void Parse_IntoSameSnapshotTwice_ReplacesContent()
    {
        var snapshot = new ZoneInfoSnapshot();
        ZoneInfoParser.Parse(Fixtures.Bytes("pcp-meminfo-002-numa2", "zoneinfo"), snapshot, "a");
        int numaZones = snapshot.Zones.Count;
        ZoneInfoParser.Parse(Fixtures.Bytes("legacy-2.6.16-d2000", "zoneinfo"), snapshot, "b");

        Assert.True(numaZones > snapshot.Zones.Count);
        Assert.Equal("b", snapshot.FileName);
        Assert.Null(snapshot.Zones[0].Managed);
    }

    [Fact]
    public void Parse_AfterWarmUp_AllocatesNothing()
    {
        byte[] bytes = Fixtures.Bytes("pcp-meminfo-002-numa2", "zoneinfo");
        var snapshot = new ZoneInfoSnapshot();
        ZoneInfoParser.Parse(bytes, snapshot, "zoneinfo");
        ZoneInfoParser.Parse(bytes, snapshot, "zoneinfo");

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            ZoneInfoParser.Parse(bytes, snapshot, "zoneinfo");
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(4, snapshot.Zones.Count);
        Assert.Equal(2, snapshot.Nodes.Count);
    }
}

public sealed class ZoneInfoLayoutTests
{
    [Fact]
    public void Parse_NodeStatsUnderOwnHeader_AreKept()
    {
        // A layout proposed for newer kernels: 'Node N, per-node stats' before the node's zones.
        const string text = "Node 0, per-node stats\n      nr_inactive_file 11\n      nr_active_file 22\n" +
            "Node 0, zone   Normal\n  pages free     5\n        min      1\n        low      2\n        high     3\n        managed  100\n";

        ZoneInfoSnapshot snapshot = ZoneInfoParser.Parse(System.Text.Encoding.ASCII.GetBytes(text), "zi");

        Assert.Equal(11, snapshot.FindNode(0)!.InactiveFile);
        Assert.Equal(22, snapshot.FindNode(0)!.ActiveFile);
        Assert.Single(snapshot.Zones);
    }

    [Fact]
    public void Parse_UnknownZoneName_IsKeptAsOther()
    {
        const string text = "Node 0, zone   Weird9\n        min      1\n        low      2\n        high     3\n        present  100\n";

        MemoryZone zone = ZoneInfoParser.Parse(System.Text.Encoding.ASCII.GetBytes(text), "zi").Zones[0];

        Assert.Equal("Weird9", zone.Name);
        Assert.Equal(ZoneType.Other, zone.Type);
    }

    [Fact]
    public void Parse_CrLfLineEndings_AreAccepted()
    {
        const string text = "Node 0, zone      DMA\r\n        min      1\r\n        low      2\r\n        high     3\r\n        managed  100\r\n";

        Assert.Equal(100, ZoneInfoParser.Parse(System.Text.Encoding.ASCII.GetBytes(text), "zi").Zones[0].Managed);
    }
}
