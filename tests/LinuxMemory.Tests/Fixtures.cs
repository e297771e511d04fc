using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Tests;

/// <summary>Access to the copied captures under TestData/fixtures (see TestData/README.md for provenance).</summary>
internal static class Fixtures
{
    public static readonly string[] All =
    [
        "android-arm32-highmem-i5", "arm32-cma-innofirmware", "arm32-jmr540", "arm32-tiny-zteorange", "jc-linux-proc",
        "legacy-2.6.16-d2000", "local-firecracker-6.18", "pcp-meminfo-001", "pcp-meminfo-002-numa2", "pcp-meminfo-004",
        "pcp-meminfo-005", "pcp-meminfo-006", "procfs-testdata", "x86-3.13-csci442", "x86-5.10-debian-vivianchen",
        "x86-el8.8-4.18-issabel", "x86-pre3.8-twaite",
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in All)
        {
            data.Add(name);
        }

        return data;
    }

    public static string Directory(string fixture) => Path.Combine(AppContext.BaseDirectory, "TestData", "fixtures", fixture);

    public static byte[] Bytes(string fixture, string file) => File.ReadAllBytes(Path.Combine(Directory(fixture), file));

    public static ZoneInfoSnapshot ZoneInfo(string fixture, string file = "zoneinfo") =>
        ZoneInfoParser.Parse(Bytes(fixture, file), file);

    public static MemoryZone Zone(ZoneInfoSnapshot snapshot, int node, string name) =>
        snapshot.Zones.Single(z => z.Node == node && z.Name == name);
}
