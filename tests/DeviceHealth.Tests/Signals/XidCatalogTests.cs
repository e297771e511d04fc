using DeviceHealth.Devices;
using DeviceHealth.Signals;

namespace DeviceHealth.Tests.Signals;

public class XidCatalogTests
{
    [Fact]
    public void Default_EmbeddedCatalog_Has172RowsWithoutDiagnostics()
    {
        Assert.Equal(172, XidCatalog.Default.Count);
        Assert.Empty(XidCatalog.Default.Diagnostics);
    }

    [Fact]
    public void Default_EmbeddedCatalog_EqualsSharedCopy()
    {
        XidCatalog shared = XidCatalog.Load(new StringReader(TestFiles.Text("xid", "xid_catalog.csv")));

        for (int xid = 1; xid <= 172; xid++)
        {
            Assert.True(shared.TryGet(xid, out XidInfo? a));
            Assert.True(XidCatalog.Default.TryGet(xid, out XidInfo? b));
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Default_DevicePluginColumn_IsExactlyTheSkipList()
    {
        int[] ignored = [.. Enumerable.Range(1, 172).Where(x => XidCatalog.Default.TryGet(x, out XidInfo? i) && i.DevicePluginIgnores)];

        Assert.Equal([13, 31, 43, 45, 68, 109], ignored);
        Assert.Equal(ignored, XidPolicy.DefaultSkipped);
    }

    [Theory]
    [InlineData(13, FaultClass.App)]
    [InlineData(31, FaultClass.App)]
    [InlineData(45, FaultClass.FollowPreceding)]
    [InlineData(48, FaultClass.DeviceReset)]
    [InlineData(63, FaultClass.Info)]
    [InlineData(79, FaultClass.NodeReboot)]
    [InlineData(1, FaultClass.HeldForHuman)]
    [InlineData(9999, FaultClass.Unknown)]
    public void ClassOf_KnownAndUnknownXids_ReturnsCatalogClass(int xid, FaultClass expected)
    {
        Assert.Equal(expected, XidCatalog.Default.ClassOf(xid));
    }

    [Fact]
    public void Load_BadRows_AreReportedNotFatal()
    {
        string csv = "xid,mnemonic,summary,proposed_class,nvidia_immediate_action,k8s_device_plugin_default\n"
            + "abc,X,s,app,,marks-unhealthy\n"
            + "5,Y,s,app\n"
            + "7,Z,s,device-reset,RESET_GPU,marks-unhealthy\n";

        XidCatalog catalog = XidCatalog.Load(new StringReader(csv));

        Assert.Equal(1, catalog.Count);
        Assert.Equal([2, 3], catalog.Diagnostics.Select(d => d.Line));
    }

    [Fact]
    public void Load_MissingColumn_ThrowsWithLine()
    {
        DeviceHealthException ex = Assert.Throws<DeviceHealthException>(() => XidCatalog.Load(new StringReader("xid,mnemonic\n1,a\n")));

        Assert.Equal(1, ex.Line);
        Assert.Contains("summary", ex.Message, StringComparison.Ordinal);
    }
}

public class XidPolicyTests
{
    [Fact]
    public void IsChecked_Default_SkipsOnlyTheSkipList()
    {
        XidPolicy policy = XidPolicy.Default;

        Assert.False(policy.IsChecked(13));
        Assert.False(policy.IsChecked(109));
        Assert.True(policy.IsChecked(79));
        Assert.True(policy.IsChecked(48));
    }

    [Fact]
    public void IsChecked_DisableAllEnable79_OnlyChecks79()
    {
        XidPolicy policy = new("all", "79");

        Assert.True(policy.IsChecked(79));
        Assert.False(policy.IsChecked(48));
        Assert.False(policy.IsChecked(13));
    }

    [Fact]
    public void IsChecked_DisableXidsKeyword_ChecksNothing()
    {
        XidPolicy policy = new("xids");

        Assert.All(Enumerable.Range(1, 172), x => Assert.False(policy.IsChecked(x)));
    }

    [Fact]
    public void IsChecked_EnableOverridesDefaultSkip()
    {
        XidPolicy policy = new(enabled: "13");

        Assert.True(policy.IsChecked(13));
        Assert.Equal(FaultClass.Unknown, policy.Classify(13));
    }

    [Fact]
    public void Classify_ExtraDisabledFatalXid_IsDowngradedToApp()
    {
        XidPolicy policy = new("48, 79");

        Assert.Equal(FaultClass.App, policy.Classify(48));
        Assert.Equal(FaultClass.App, policy.Classify(79));
        Assert.Equal(FaultClass.DeviceReset, policy.Classify(119));
    }

    [Fact]
    public void Ctor_MalformedEntries_AreReportedAndIgnored()
    {
        XidPolicy policy = new("48,abc,,-3", "x79");

        Assert.Equal(3, policy.Diagnostics.Count);
        Assert.False(policy.IsChecked(48));
        Assert.True(policy.IsChecked(79));
    }

    [Fact]
    public void Classify_SkipListedDeviceResetXid109_IsApp()
    {
        Assert.Equal(FaultClass.DeviceReset, XidCatalog.Default.ClassOf(109));
        Assert.Equal(FaultClass.App, XidPolicy.Default.Classify(109));
    }
}

public class FailureStatsDataTests
{
    private static List<(int Line, string[] Fields)> Rows(string file)
    {
        using StringReader reader = new(TestFiles.Text("failure-stats", file));
        return CsvReader.ReadAll(reader);
    }

    [Fact]
    public void Llama3Table_SharedCopy_EqualsEmbeddedTable()
    {
        List<(int Line, string[] Fields)> rows = Rows("llama3_405b_54day_interruptions.csv");

        Assert.Equal(
            rows.Skip(1).Select(r => (r.Fields[0], int.Parse(r.Fields[2], System.Globalization.CultureInfo.InvariantCulture))),
            DeviceHealth.Simulation.FailureCategory.Llama3.Select(c => (c.Component, c.Count)));
        // The paper's percentages do not add up to 100 (148/419 is 35.3 %, printed 30.1 %): sum is 94.9.
        Assert.Equal(94.9, rows.Skip(1).Sum(r => double.Parse(r.Fields[3], System.Globalization.CultureInfo.InvariantCulture)), 1);
    }

    [Fact]
    public void ReliabilityFigures_34RowsOf7Fields()
    {
        List<(int Line, string[] Fields)> rows = Rows("reliability_figures.csv");

        Assert.Equal(35, rows.Count);
        Assert.All(rows, r => Assert.Equal(7, r.Fields.Length));
    }

    [Fact]
    public void AcmeSummary_FiveClusters()
    {
        List<(int Line, string[] Fields)> rows = Rows("acme_cluster_summary.csv");

        Assert.Equal(6, rows.Count);
        Assert.Equal(rows[0].Fields.Length, rows[5].Fields.Length);
    }
}
