using DeviceHealth.Signals;

namespace DeviceHealth.Tests.Signals;

public class KernelLogParserTests
{
    public static TheoryData<int, string, bool, string, string> CsvLines()
    {
        TheoryData<int, string, bool, string, string> data = [];
        using StringReader reader = new(TestFiles.Text("kernel-logs", "nvrm_xid_lines.csv"));
        List<(int Line, string[] Fields)> rows = CsvReader.ReadAll(reader);
        foreach ((int _, string[] f) in rows.Skip(1))
        {
            data.Add(int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), f[1], f[2] == "true", f[3], f[4]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CsvLines))]
    public void ParseLine_SharedCsvLine_MatchesExpectedColumns(int id, string line, bool isXid, string expectedXid, string expectedPci)
    {
        KernelEvent? evt = KernelLogParser.ParseLine(line, out Diagnostic? diagnostic);

        if (isXid)
        {
            Assert.NotNull(evt);
            Assert.Equal(KernelEventKind.Xid, evt.Kind);
            Assert.Equal(int.Parse(expectedXid, System.Globalization.CultureInfo.InvariantCulture), evt.Xid);
            Assert.Equal(expectedPci, evt.Pci);
            Assert.Null(diagnostic);
        }
        else
        {
            Assert.True(evt is null, $"row {id} must not produce an event");
            bool mentionsXid = line.Contains("NVRM: Xid", StringComparison.Ordinal);
            Assert.Equal(mentionsXid, diagnostic is not null);
        }
    }

    [Fact]
    public void ParseLine_SharedCsv_Has28Rows()
    {
        Assert.Equal(28, CsvLines().Count());
    }

    [Fact]
    public void Parse_MalformedXidLine_ReportsLineAndColumn()
    {
        KernelLogParseResult result = KernelLogParser.Parse(new StringReader("ok\nNVRM: Xid (PCI:0000:66:00): abc, pid=1\n"));

        Assert.Empty(result.Events);
        Diagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal(2, d.Line);
        // "NVRM: Xid" is 9 characters; the column after it is 10.
        Assert.Equal(10, d.Column);
    }

    [Fact]
    public void Parse_OldFormatWithoutPciPrefix_ReadsXidAndPci()
    {
        KernelEvent? evt = KernelLogParser.ParseLine("[ 12.5] NVRM: Xid (0000:03:00): 13, Graphics Exception", out _);

        Assert.NotNull(evt);
        Assert.Equal(13, evt.Xid);
        Assert.Equal("0000:03:00", evt.Pci);
        Assert.Equal("12.5", evt.Timestamp);
    }

    [Fact]
    public void Parse_PidAndName_AreSplitFromDetail()
    {
        KernelEvent? evt = KernelLogParser.ParseLine(
            "NVRM: Xid (PCI:0000:66:00): 32, pid=2280636, name=train.3, Channel ID 0000000d intr0 00040000", out _);

        Assert.NotNull(evt);
        Assert.Equal("2280636", evt.Pid);
        Assert.Equal("train.3", evt.ProcessName);
        Assert.Equal("Channel ID 0000000d intr0 00040000", evt.Detail);
    }

    [Fact]
    public void Parse_Xid154_ReadsRecoveryAction()
    {
        KernelEvent? evt = KernelLogParser.ParseLine(
            "NVRM: Xid (PCI:0009:01:00): 154, GPU recovery action changed from 0x0 (None) to 0x4 (Drain and Reset)", out _);

        Assert.NotNull(evt);
        Assert.Equal("Drain and Reset", evt.RecoveryAction);
        Assert.Equal(Devices.FaultClass.DeviceReset, XidPolicy.Default.Classify(evt));
    }

    [Fact]
    public void Parse_FallenOffBusWithoutXid_ReportsGpuLostAtFirstLine()
    {
        KernelLogParseResult result = KernelLogParser.Parse(
            new StringReader(TestFiles.Text("kernel-logs", "nvsentinel-issue155__fallen-off-bus-no-xid.log")));

        KernelEvent evt = Assert.Single(result.Events);
        Assert.Equal(KernelEventKind.GpuLost, evt.Kind);
        Assert.Equal("0000:b3:00.0", evt.Pci);
        Assert.Equal(1, evt.Line);
        Assert.Equal(5, result.LinesRead);
        Assert.Equal(Devices.FaultClass.NodeReboot, XidPolicy.Default.Classify(evt));
    }

    [Fact]
    public void Parse_FallenOffBusAfterXid79SameGpu_IsDeduplicated()
    {
        string log = "[ 100.0] NVRM: Xid (PCI:0000:b3:00): 79, GPU has fallen off the bus.\n"
            + "[ 101.0] NVRM: The NVIDIA GPU 0000:b3:00.0\n"
            + "               NVRM: (PCI ID: 10de:26b5) installed in this system has\n"
            + "               NVRM: fallen off the bus and is not responding to commands.\n";

        KernelLogParseResult result = KernelLogParser.Parse(new StringReader(log));

        KernelEvent evt = Assert.Single(result.Events);
        Assert.Equal(79, evt.Xid);
    }

    [Fact]
    public void Parse_FallenOffBusLongAfterXid79_IsReportedAgain()
    {
        // 1000 s apart: outside the 300 s de-duplication window.
        string log = "[ 100.0] NVRM: Xid (PCI:0000:b3:00): 79, GPU has fallen off the bus.\n"
            + "[ 1100.0] NVRM: The NVIDIA GPU 0000:b3:00.0\n"
            + "               NVRM: fallen off the bus and is not responding to commands.\n";

        KernelLogParseResult result = KernelLogParser.Parse(new StringReader(log));

        Assert.Equal([KernelEventKind.Xid, KernelEventKind.GpuLost], result.Events.Select(e => e.Kind));
    }

    [Fact]
    public void Parse_GpudXid119Capture_FindsFiveXid119OnOneGpu()
    {
        KernelLogParseResult result = KernelLogParser.Parse(new StringReader(TestFiles.Text("kernel-logs", "gpud__dmesg-with-xid-119.log")));

        // grep -c 'NVRM: Xid' on the capture gives 5, all on 0000:9b:00 (lines 3, 38, 40, 42, 43).
        Assert.Equal([3, 38, 40, 42, 43], result.Events.Select(e => e.Line));
        Assert.All(result.Events, e => Assert.Equal((119, "0000:9b:00"), (e.Xid, e.Pci)));
        Assert.Equal("nvidia-smi", result.Events[0].ProcessName);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(Devices.FaultClass.DeviceReset, XidPolicy.Default.Classify(119));
    }

    [Fact]
    public void Parse_LineLimit_StopsAndReports()
    {
        KernelLogParseResult result = KernelLogParser.Parse(new StringReader("a\nb\nc\nd\n"), maxLines: 2);

        Assert.Equal(2, result.LinesRead);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_OverlongLine_IsCutAndReported()
    {
        string line = "NVRM: Xid (PCI:0000:01:00): 79, " + new string('x', 100);

        KernelLogParseResult result = KernelLogParser.Parse(new StringReader(line), maxLineLength: 40);

        Assert.Equal(41, Assert.Single(result.Diagnostics).Column);
        Assert.Equal(79, Assert.Single(result.Events).Xid);
    }
}
