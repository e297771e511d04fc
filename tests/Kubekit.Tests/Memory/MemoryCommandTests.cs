using System.Text.Json;

namespace Kubekit.Tests.Memory;

public sealed class MemoryCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "memory", name);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Json_Firecracker_ZonesHavePrintedEqualComputed()
    {
        (int code, string output, string error) = Run("memory", "--proc", Fixture("local-firecracker-6.18"), "--json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement zones = json.RootElement.GetProperty("zones");
        Assert.Equal(5, zones.GetArrayLength());
        foreach (JsonElement zone in zones.EnumerateArray())
        {
            Assert.Equal(0, zone.GetProperty("node").GetInt32());
            foreach (string mark in new[] { "min", "low", "high" })
            {
                Assert.Equal(zone.GetProperty("printed").GetProperty(mark).GetInt64(), zone.GetProperty("computed").GetProperty(mark).GetInt64());
            }
        }

        // Printed DMA32 of the capture: managed 772818, min 13416.
        JsonElement dma32 = zones[1];
        Assert.Equal("DMA32", dma32.GetProperty("zone").GetString());
        Assert.Equal(772818, dma32.GetProperty("managed").GetInt64());
        Assert.Equal(13416, dma32.GetProperty("computed").GetProperty("min").GetInt64());
        Assert.True(json.RootElement.GetProperty("allComputedEqualPrinted").GetBoolean());
        Assert.Equal(67584, json.RootElement.GetProperty("sysctls").GetProperty("minFreeKbytes").GetInt64());
        Assert.Equal("BeforeKswapd", json.RootElement.GetProperty("eviction").GetProperty("thresholds")[0].GetProperty("placement").GetString());
        Assert.True(json.RootElement.GetProperty("recommendations").GetArrayLength() >= 2);
    }

    [Fact]
    public void Json_CaptureWithoutSysctls_ReportsMissingAndNullPrintedPromo()
    {
        (int code, string output, _) = Run("memory", "--proc", Fixture("pcp-meminfo-002-numa2"), "--json");

        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Contains(json.RootElement.GetProperty("missingFiles").EnumerateArray(), f => f.GetString()!.EndsWith("min_free_kbytes", StringComparison.Ordinal));
        JsonElement zones = json.RootElement.GetProperty("zones");
        Assert.Equal(JsonValueKind.Null, zones[0].GetProperty("printed").GetProperty("promo").ValueKind);
        Assert.Equal(1, zones[3].GetProperty("node").GetInt32());
        Assert.Equal("ManagedChanged", zones[1].GetProperty("match").GetString());
    }

    [Fact]
    public void Text_Firecracker_ShowsZonesWindowEvictionAndRecommendations()
    {
        (int code, string output, _) = Run("memory", "--proc", Fixture("local-firecracker-6.18"));

        Assert.Equal(0, code);
        Assert.Contains("DMA32", output, StringComparison.Ordinal);
        Assert.Contains("13416/16770/20124", output, StringComparison.Ordinal);
        Assert.Contains("swapping window", output, StringComparison.Ordinal);
        Assert.Contains("evictionHard memory.available<100Mi", output, StringComparison.Ordinal);
        Assert.Contains("vm.watermark_scale_factor", output, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_GkeTuning_AddsProposedValuesPerZone()
    {
        (int code, string output, _) = Run("memory", "--proc", Fixture("local-firecracker-6.18"), "--json",
            "--min-free-kbytes", "524288", "--watermark-scale-factor", "2000");

        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement dma32 = json.RootElement.GetProperty("zones")[1];

        // lowmem 3840 + 772818 + 196608 = 973266; floor(131072 * 772818 / 973266) = 104077;
        // delta = max(104077 >> 2, floor(772818 * 2000 / 10000) = 154563).
        Assert.Equal(104077, dma32.GetProperty("proposed").GetProperty("min").GetInt64());
        Assert.Equal(104077 + 154563, dma32.GetProperty("proposed").GetProperty("low").GetInt64());
        Assert.Equal(13416, dma32.GetProperty("computed").GetProperty("min").GetInt64());
        Assert.Equal(1, code);
    }

    [Fact]
    public void Svg_WritesPressureZones()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kubekit-memory-{Guid.NewGuid():N}.svg");
        try
        {
            (int code, _, _) = Run("memory", "--proc", Fixture("local-firecracker-6.18"), "--svg", path);

            string svg = File.ReadAllText(path);
            Assert.Equal(0, code);
            Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
            Assert.Contains("evictionHard 100Mi", svg, StringComparison.Ordinal);
            Assert.Contains("direct reclaim", svg, StringComparison.Ordinal);
            Assert.EndsWith("</svg>\n", svg, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BadZoneInfo_ExitsTwoWithOneLineNamingFileAndLine()
    {
        string dir = Directory.CreateTempSubdirectory("kubekit-bad").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "zoneinfo"), "Node 0, zone DMA\n        min      4x8\n");

            (int code, string output, string error) = Run("memory", "--proc", dir);

            Assert.Equal(2, code);
            Assert.Equal(string.Empty, output);
            Assert.Single(error.TrimEnd('\n').Split('\n'));
            Assert.Contains("zoneinfo:2:", error, StringComparison.Ordinal);
            Assert.Contains("'4x8'", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void MissingZoneInfo_IsReportedNotFatal()
    {
        string dir = Directory.CreateTempSubdirectory("kubekit-empty").FullName;
        try
        {
            (int code, string output, string error) = Run("memory", "--proc", dir);

            Assert.Equal(1, code);
            Assert.Equal(string.Empty, error);
            Assert.Contains("missing: " + Path.Combine(dir, "zoneinfo"), output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--watermark-scale-factor", "0")]
    [InlineData("--min-free-kbytes", "lots")]
    [InlineData("--eviction-hard", "100Mb")]
    [InlineData("--proc")]
    public void BadArguments_ExitTwoWithOneLine(params string[] args)
    {
        (int code, string output, string error) = Run(["memory", .. args]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void NoArguments_ReportsThisMachine()
    {
        (int code, string output, string error) = Run();

        Assert.True(code is 0 or 1, error);
        Assert.Equal(string.Empty, error);
        Assert.StartsWith("kubekit memory: /proc", output, StringComparison.Ordinal);
        Assert.Contains("sum over zones", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NoArgumentsJson_ThisMachine_EveryZoneEqualOrExplained()
    {
        (int code, string output, string error) = Run("memory", "--json");

        Assert.True(code is 0 or 1, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement zones = json.RootElement.GetProperty("zones");
        Assert.True(zones.GetArrayLength() > 0);
        foreach (JsonElement zone in zones.EnumerateArray())
        {
            string match = zone.GetProperty("match").GetString()!;
            Assert.True(match != "Different", zone.GetProperty("explanation").GetString());
            Assert.False(string.IsNullOrEmpty(zone.GetProperty("explanation").GetString()));
        }
    }

    [Theory]
    [InlineData("sys/vm/watermark_scale_factor", "9223372036854775807\n", "expected a value from 0 to 2147483647")]
    [InlineData("sys/vm/min_free_kbytes", "-5\n", "expected a value from 0 to 2147483647, found '-5'")]
    public void Proc_SysctlNoKernelPrints_ExitsTwoWithOneLine(string file, string content, string expected)
    {
        // watermark_scale_factor 2^63-1 used to crash with an unhandled OverflowException (exit 134, stack trace).
        string root = CopyFixture("local-firecracker-6.18");
        try
        {
            File.WriteAllText(Path.Combine(root, file), content);

            (int code, string output, string error) = Run("memory", "--proc", root);

            Assert.Equal(2, code);
            Assert.Equal(string.Empty, output);
            Assert.Single(error.TrimEnd('\n').Split('\n'));
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public void Proc_ManagedOfLongMax_ExitsTwoWithOneLine()
    {
        // managed 9223372036854775807 used to crash in WatermarkCalculator.LowmemPages (checked overflow).
        string root = CopyFixture("local-firecracker-6.18");
        try
        {
            string zoneinfo = Path.Combine(root, "zoneinfo");
            File.WriteAllText(zoneinfo, File.ReadAllText(zoneinfo).Replace("managed  3840", "managed  9223372036854775807", StringComparison.Ordinal));

            (int code, string output, string error) = Run("memory", "--proc", root);

            Assert.Equal(2, code);
            Assert.Equal(string.Empty, output);
            Assert.Contains("zoneinfo:1: expected page counts of at most 2^48 in zone DMA of node 0, found 'managed 9223372036854775807'", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public void Proc_ProtectionOfLongMax_ExitsTwoWithParserMessage()
    {
        // protection 2^63-1 used to wrap around in the boot-size search (reserve x lowmem_reserve_ratio) and surface
        // as "zone.ManagedPages ('-256') must be a non-negative value".
        string root = CopyFixture("procfs-testdata");
        try
        {
            string zoneinfo = Path.Combine(root, "zoneinfo");
            File.WriteAllText(zoneinfo, File.ReadAllText(zoneinfo).Replace(
                "protection: (0, 2877, 7826, 7826, 7826)", "protection: (0, 9223372036854775807, 7826, 7826, 7826)", StringComparison.Ordinal));

            (int code, string output, string error) = Run("memory", "--proc", root);

            Assert.Equal(2, code);
            Assert.Equal(string.Empty, output);
            Assert.Contains("zoneinfo:40:25: expected protection entries from 0 to 2^48 pages, found '9223372036854775807'", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    private static string CopyFixture(string name)
    {
        string source = Fixture(name);
        string root = Path.Combine(Path.GetTempPath(), $"kubekit-memory-{Guid.NewGuid():N}");
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return root;
    }
}
