using System.Text;
using LinuxMemory.MemInfo;
using LinuxMemory.Sysctl;
using LinuxMemory.VmStat;
using LinuxMemory.ZoneInfo;

namespace LinuxMemory.Tests.Parsing;

public sealed class BadInputTests
{
    private static LinuxMemoryFormatException ZoneInfoError(string text) =>
        Assert.Throws<LinuxMemoryFormatException>(() => ZoneInfoParser.Parse(Encoding.ASCII.GetBytes(text), "zi"));

    [Fact]
    public void Parse_TruncatedZone_NamesZoneAndLine()
    {
        var ex = ZoneInfoError("Node 0, zone      DMA\n  pages free     3840\n        min      48\n        lo");

        Assert.Equal("zi", ex.FileName);
        Assert.Equal(4, ex.LineNumber);
        Assert.Contains("a number after 'lo'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ZoneEndsBeforeWatermarks_ReportsTruncation()
    {
        var ex = ZoneInfoError("Node 0, zone      DMA\n  pages free     3840\n        min      48\n");

        Assert.Contains("zone DMA of node 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HugeNumber_ReportsColumnAndValue()
    {
        var ex = ZoneInfoError("Node 0, zone DMA\n        min      99999999999999999999999\n");

        Assert.Equal(2, ex.LineNumber);
        Assert.Equal(18, ex.Column);
        Assert.Equal("99999999999999999999999", ex.Found);
        Assert.Contains("fits in 64 bits", ex.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GarbledBytes_ReportsThemPrintably()
    {
        var ex = ZoneInfoError("Node 0, zone DMA\n  \u0001\u0002garbage\n");

        Assert.Equal(2, ex.LineNumber);
        Assert.StartsWith("\\x01\\x02", ex.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextBeforeHeader_IsRejected()
    {
        var ex = ZoneInfoError("hello world 1\n");

        Assert.Equal(1, ex.LineNumber);
        Assert.Contains("'Node N, zone NAME' header", ex.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyFile_IsRejected()
    {
        var ex = ZoneInfoError(string.Empty);

        Assert.Equal("an empty file", ex.Found);
    }

    [Fact]
    public void Parse_DuplicateWatermark_IsRejected()
    {
        var ex = ZoneInfoError("Node 0, zone DMA\n min 1\n min 2\n low 3\n high 4\n present 5\n");

        Assert.Equal(3, ex.LineNumber);
    }

    [Fact]
    public void Parse_UnorderedWatermarks_AreRejected()
    {
        var ex = ZoneInfoError("Node 0, zone DMA\n min 10\n low 3\n high 4\n present 5\n");

        Assert.Contains("min <= low <= high", ex.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadProtectionList_IsRejected()
    {
        var ex = ZoneInfoError("Node 0, zone DMA\n min 1\n low 2\n high 3\n present 5\n protection: (0, x)\n");

        Assert.Equal(6, ex.LineNumber);
        Assert.Equal("x", ex.Found);
    }

    [Fact]
    public void Parse_MemInfoWrongUnit_IsRejected()
    {
        var ex = Assert.Throws<LinuxMemoryFormatException>(() =>
            MemInfoParser.Parse("MemTotal:  1024 kB\nMemFree:   12 MB\n"u8, "mi"));

        Assert.Equal(2, ex.LineNumber);
        Assert.Equal("MB", ex.Found);
        Assert.Contains("kB", ex.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MemInfoMissingUnit_IsRejected()
    {
        var ex = Assert.Throws<LinuxMemoryFormatException>(() => MemInfoParser.Parse("MemTotal:  1024\n"u8, "mi"));

        Assert.Equal(1, ex.LineNumber);
    }

    [Fact]
    public void Parse_MemInfoHugeValue_IsRejected()
    {
        var ex = Assert.Throws<LinuxMemoryFormatException>(() => MemInfoParser.Parse("MemTotal:  9223372036854775807 kB\n"u8, "mi"));

        Assert.Contains("below 8 EiB", ex.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VmStatTrailingText_IsRejected()
    {
        var ex = Assert.Throws<LinuxMemoryFormatException>(() => VmStatParser.Parse("pswpin 1\npswpout 2 3\n"u8, "vs"));

        Assert.Equal(2, ex.LineNumber);
        Assert.Equal("3", ex.Found);
    }

    [Fact]
    public void ParseInteger_NotANumber_IsRejected()
    {
        var ex = Assert.Throws<LinuxMemoryFormatException>(() => SysctlParser.ParseInteger("65k\n"u8, "min_free_kbytes"));

        Assert.Equal("min_free_kbytes", ex.FileName);
        Assert.Equal("65k", ex.Found);
    }

    [Fact]
    public void ParseLimit_Max_IsNull()
    {
        Assert.Null(SysctlParser.ParseLimit("max\n"u8, "memory.max"));
        Assert.Equal(1048576, SysctlParser.ParseLimit("1048576\n"u8, "memory.max"));
    }

    [Fact]
    public void ParseIntegerList_TabSeparated_GivesValues()
    {
        Assert.Equal([256L, 256, 32, 0, 0], SysctlParser.ParseIntegerList("256\t256\t32\t0\t0\n"u8, "lowmem_reserve_ratio"));
    }
}
