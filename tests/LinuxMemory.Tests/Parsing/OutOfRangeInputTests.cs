using System.Text;
using LinuxMemory.Proc;
using LinuxMemory.Watermarks;
using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Tests.Parsing;

/// <summary>Values no kernel prints that used to overflow the watermark arithmetic.</summary>
public sealed class OutOfRangeInputTests
{
    private const string Zone = "Node 0, zone      DMA\n  pages free     3840\n        min      66\n        low      82\n" +
        "        high     98\n        spanned  4095\n        present  3998\n        managed  {0}\n";

    [Fact]
    public void Parse_ManagedAboveTwoToThe48_ThrowsFormatException()
    {
        // 2^48 + 1 = 281474976710657 pages; used to reach WatermarkCalculator and throw OverflowException.
        byte[] text = Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Zone, 281474976710657));

        var ex = Assert.Throws<LinuxMemoryFormatException>(() => ZoneInfoParser.Parse(text, "zi"));

        Assert.Equal(1, ex.LineNumber);
        Assert.Equal("managed 281474976710657", ex.Found);
    }

    [Fact]
    public void Parse_ManagedAtTwoToThe48_IsAccepted()
    {
        byte[] text = Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Zone, 281474976710656));

        ZoneInfoSnapshot snapshot = ZoneInfoParser.Parse(text, "zi");

        Assert.Equal(281474976710656, snapshot.Zones[0].Managed);
    }

    [Fact]
    public void Compute_ScaleFactorAbove10000_ThrowsArgumentOutOfRange()
    {
        ZoneSize[] zones = [new ZoneSize(0, ZoneType.Normal, 1L << 40, 0)];

        Assert.Throws<ArgumentOutOfRangeException>(
            () => WatermarkCalculator.Compute(zones, WatermarkSettings.Modern(67584, long.MaxValue)));
    }

    [Fact]
    public void Compute_ManagedOfLongMax_ThrowsArgumentOutOfRangeNotOverflow()
    {
        ZoneSize[] zones = [new ZoneSize(0, ZoneType.Normal, long.MaxValue, 0), new ZoneSize(0, ZoneType.Normal, 1, 0)];

        Assert.Throws<ArgumentOutOfRangeException>(() => WatermarkCalculator.Compute(zones, WatermarkSettings.Modern(67584, 10)));
    }

    [Fact]
    public void Compute_ScaleFactor10000_HasDeltaOfWholeZone()
    {
        // managed 10000 pages, wsf 10000: delta = max(min/4, 10000 * 10000 / 10000) = 10000;
        // min = 4096 kB >> 2 = 1024 pages (the only zone), low = 11024, high = 21024.
        ZoneSize[] zones = [new ZoneSize(0, ZoneType.Normal, 10000, 0)];

        ZoneWatermarks marks = WatermarkCalculator.Compute(zones, WatermarkSettings.Modern(4096, 10000))[0];

        Assert.Equal(1024, marks.Min);
        Assert.Equal(11024, marks.Low);
        Assert.Equal(21024, marks.High);
    }

    [Theory]
    [InlineData("min_free_kbytes", "-5")]
    [InlineData("watermark_scale_factor", "9223372036854775807")]
    [InlineData("swappiness", "2147483648")]
    [InlineData("lowmem_reserve_ratio", "256 -1 32")]
    public void Read_SysctlOutsideKernelInt_ThrowsFormatException(string name, string value)
    {
        string root = Path.Combine(Path.GetTempPath(), $"linuxmemory-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "sys", "vm"));
        try
        {
            File.WriteAllText(Path.Combine(root, "sys", "vm", name), value + "\n");

            var ex = Assert.Throws<LinuxMemoryFormatException>(() => ProcMemoryReader.Read(root, 1 << 20));

            Assert.EndsWith(name, ex.FileName, StringComparison.Ordinal);
            Assert.Contains("from 0 to 2147483647", ex.Expected, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public void Read_SysctlAtIntMax_IsAccepted()
    {
        string root = Path.Combine(Path.GetTempPath(), $"linuxmemory-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "sys", "vm"));
        try
        {
            File.WriteAllText(Path.Combine(root, "sys", "vm", "min_free_kbytes"), "2147483647\n");

            ProcMemoryCapture capture = ProcMemoryReader.Read(root, 1 << 20);

            Assert.Equal(2147483647, capture.Sysctls.MinFreeKbytes);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}

/// <summary>cgroup v2 files hold unsigned counters; negative or overflowing values used to pass silently.</summary>
public sealed class CgroupOutOfRangeTests
{
    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"linuxmemory-cg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Read_NegativeMemoryCurrent_ThrowsFormatException()
    {
        string dir = TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, "memory.current"), "-5\n");

            var ex = Assert.Throws<LinuxMemoryFormatException>(() => LinuxMemory.Cgroups.CgroupV2MemoryReader.Read(dir));

            Assert.EndsWith("memory.current", ex.FileName, StringComparison.Ordinal);
            Assert.Equal("-5", ex.Found);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Read_NegativeStatCounter_ThrowsFormatException()
    {
        string dir = TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, "memory.stat"), "anon -5\nfile 10\n");

            var ex = Assert.Throws<LinuxMemoryFormatException>(() => LinuxMemory.Cgroups.CgroupV2MemoryReader.Read(dir));

            Assert.Equal("anon -5", ex.Found);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void WorkingSetBytes_AnonPlusFileBeyond64Bits_SaturatesInsteadOfWrappingToZero()
    {
        // anon = file = 2^62: the sum 2^63 used to wrap to long.MinValue and clamp to a working set of 0.
        // Saturated usage long.MaxValue minus inactive_file 7 = 9223372036854775800.
        string dir = TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, "memory.stat"),
                "anon 4611686018427387904\nfile 4611686018427387904\ninactive_file 7\n");

            Assert.Equal(9223372036854775800, LinuxMemory.Cgroups.CgroupV2MemoryReader.Read(dir).WorkingSetBytes);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

/// <summary>A key printed twice used to let the second value replace the first silently.</summary>
public sealed class MemInfoDuplicateKeyTests
{
    [Fact]
    public void Parse_MemTotalTwice_ThrowsAtSecondLine()
    {
        byte[] text = Encoding.ASCII.GetBytes("MemTotal:        100 kB\nMemFree:          50 kB\nMemTotal:        200 kB\n");

        var ex = Assert.Throws<LinuxMemoryFormatException>(() => LinuxMemory.MemInfo.MemInfoParser.Parse(text, "meminfo"));

        Assert.Equal(3, ex.LineNumber);
        Assert.Equal(1, ex.Column);
        Assert.Equal("MemTotal", ex.Found);
        Assert.Equal("each key once", ex.Expected);
    }

    [Fact]
    public void Parse_ReusedSnapshot_DoesNotCountEarlierParseAsDuplicate()
    {
        var snapshot = new LinuxMemory.MemInfo.MemInfoSnapshot();
        byte[] text = Encoding.ASCII.GetBytes("MemTotal:        100 kB\n");

        LinuxMemory.MemInfo.MemInfoParser.Parse(text, snapshot, "meminfo");
        LinuxMemory.MemInfo.MemInfoParser.Parse(text, snapshot, "meminfo");

        Assert.Equal(100, snapshot.Get(LinuxMemory.MemInfo.MemInfoField.MemTotal));
    }
}

/// <summary>Protection entries are page counts; negative or huge ones used to reach the boot-size search, where
/// reserve × lowmem_reserve_ratio wrapped around and surfaced as an ArgumentOutOfRangeException.</summary>
public sealed class ProtectionRangeTests
{
    private const string Zone = "Node 0, zone      DMA\n  pages free     3840\n        min      66\n        low      82\n" +
        "        high     98\n        spanned  4095\n        present  3998\n        managed  3840\n" +
        "        protection: (0, {0}, 7826)\n";

    [Theory]
    [InlineData("-1", 25)]
    [InlineData("281474976710657", 25)]
    [InlineData("9223372036854775807", 25)]
    public void Parse_ProtectionOutOfRange_ThrowsWithColumn(string value, int column)
    {
        // Line 9 is the protection line; "        protection: (0, " is 24 characters, so the value starts at column 25.
        byte[] text = Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Zone, value));

        var ex = Assert.Throws<LinuxMemoryFormatException>(() => ZoneInfoParser.Parse(text, "zi"));

        Assert.Equal(9, ex.LineNumber);
        Assert.Equal(column, ex.Column);
        Assert.Equal(value, ex.Found);
        Assert.Equal("protection entries from 0 to 2^48 pages", ex.Expected);
    }

    [Fact]
    public void Parse_ProtectionAtTwoToThe48_IsAccepted()
    {
        byte[] text = Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Zone, 281474976710656));

        ZoneInfoSnapshot snapshot = ZoneInfoParser.Parse(text, "zi");

        Assert.Equal([0L, 281474976710656L, 7826L], snapshot.Zones[0].Protection.ToArray());
    }
}

/// <summary>The what-if path with a proposed scale factor no kernel accepts.</summary>
public sealed class ProposedScaleFactorTests
{
    [Fact]
    public void Analyze_ProposedScaleFactorOfLongMax_ThrowsArgumentOutOfRangeNotOverflow()
    {
        // Used to end in OverflowException from MultFrac (managed / 10000 × 2^63-1).
        byte[] text = Encoding.ASCII.GetBytes("Node 0, zone   Normal\n  pages free     3840\n        min      66\n" +
            "        low      82\n        high     98\n        spanned  4095\n        present  3998\n        managed  3840000\n");
        ZoneInfoSnapshot zones = ZoneInfoParser.Parse(text, "zi");

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            LinuxMemory.Analysis.WatermarkAnalysis.Analyze(zones, null, 67584, long.MaxValue, 4096));
    }
}

/// <summary>The exa suffixes of Kubernetes quantities used to be rejected.</summary>
public sealed class EvictionThresholdExaTests
{
    [Theory]
    [InlineData("7Ei", 8070450532247928832)] // 7 × 2^60
    [InlineData("1E", 1000000000000000000)] // 10^18
    [InlineData("9E", 9000000000000000000)] // 9 × 10^18 < 2^63 − 1
    public void TryParse_ExaSuffix_ReturnsBytes(string text, long bytes)
    {
        Assert.True(LinuxMemory.Planning.EvictionThreshold.TryParse(text, out LinuxMemory.Planning.EvictionThreshold threshold));

        Assert.Equal(bytes, threshold.Bytes);
    }

    [Theory]
    [InlineData("8Ei")] // 2^63 does not fit in a long
    [InlineData("10E")]
    public void TryParse_ExaBeyond64Bits_ReturnsFalse(string text)
    {
        Assert.False(LinuxMemory.Planning.EvictionThreshold.TryParse(text, out _));
    }
}
