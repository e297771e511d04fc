using DeviceHealth.Signals;

namespace DeviceHealth.Tests.Signals;

public class NvidiaSmiXmlParserTests
{
    private static NvidiaSmiReport Load(string file) =>
        NvidiaSmiXmlParser.Parse(new StringReader(TestFiles.Text("nvidia-smi-xml", file)));

    // Expected values read off each file by hand (grep on the XML).
    [Theory]
    [InlineData("telegraf__a100-sxm4-v12.xml", "535.54.03", "NVIDIA A100-SXM4-80GB", "GPU-513536b6-7d19-9063-b049-1e69664bb298", "Enabled", 4, 27)]
    [InlineData("telegraf__a10g.xml", "515.105.01", "NVIDIA A10G", "GPU-9a9a6c50-2a47-2f51-a902-b82c3b127e94", "N/A", 0, 17)]
    [InlineData("telegraf__gtx-1660-ti.xml", "418.43", "Graphics Device", "GPU-304a277d-3545-63b8-3a36-dfde3c992989", "", 0, 40)]
    [InlineData("telegraf__rtx-3080-v13.xml", "595.58.03", "NVIDIA GeForce RTX 3080", "GPU-19d6d965-2acc-f646-00f8-4c76979aabb4", "N/A", 0, 27)]
    [InlineData("telegraf__rtx-4000-sff-ada-v13.xml", "595.84", "NVIDIA RTX 4000 SFF Ada Generation", "GPU-37037c3f-65c8-ec4d-24a9-420204ad8026", "N/A", 0, 38)]
    public void Parse_SharedCapture_ReadsIdentityMigAndTemperature(
        string file, string driver, string product, string uuid, string mig, int migDevices, int temperature)
    {
        NvidiaSmiReport report = Load(file);

        Assert.Equal(driver, report.DriverVersion);
        GpuReport gpu = Assert.Single(report.Gpus);
        Assert.Equal(product, gpu.ProductName);
        Assert.Equal(uuid, gpu.Uuid);
        Assert.Equal(mig, gpu.MigMode);
        Assert.Equal(migDevices, gpu.MigDevices);
        Assert.Equal(temperature, gpu.TemperatureC);
        Assert.Equal(GpuHealth.Healthy, gpu.Health);
        Assert.Empty(report.Diagnostics);
    }

    [Fact]
    public void Parse_A100_ReadsEccZerosAndLink()
    {
        GpuReport gpu = Assert.Single(Load("telegraf__a100-sxm4-v12.xml").Gpus);

        Assert.Equal(0, gpu.VolatileCorrectable);
        Assert.Equal(0, gpu.VolatileUncorrectable);
        Assert.Equal(0, gpu.AggregateUncorrectable);
        Assert.Null(gpu.RetiredPagesDoubleBit);
        Assert.Null(gpu.RemapPending);
        Assert.Equal((4, 4, 16, 16), (gpu.PcieCurrentGen, gpu.PcieMaxGen, gpu.PcieCurrentWidth, gpu.PcieMaxWidth));
        Assert.Equal(0, gpu.PcieReplays);
        Assert.Equal("00000000:01:00.0", gpu.PciBusId);
    }

    [Fact]
    public void Parse_A10g_ReadsRemappedRowsAndIdleReason()
    {
        GpuReport gpu = Assert.Single(Load("telegraf__a10g.xml").Gpus);

        Assert.Equal((0, 0, false, false), (gpu.RemappedRowsCorrectable, gpu.RemappedRowsUncorrectable, gpu.RemapPending, gpu.RemapFailure));
        Assert.Equal(["gpu_idle"], gpu.ActiveClockEvents);
        // x8 of x16 while idle is power saving, not a fault.
        Assert.Equal((8, 16), (gpu.PcieCurrentWidth, gpu.PcieMaxWidth));
        Assert.Equal(GpuHealth.Healthy, gpu.Health);
    }

    [Fact]
    public void Parse_ConsumerCardWithNa_GivesNulls()
    {
        GpuReport gpu = Assert.Single(Load("telegraf__gtx-1660-ti.xml").Gpus);

        Assert.Null(gpu.VolatileCorrectable);
        Assert.Null(gpu.VolatileUncorrectable);
        Assert.Equal("N/A", gpu.EccMode);
    }

    [Fact]
    public void Parse_PendingRemapAndThrottle_JudgesNeedsResetWithFindings()
    {
        string xml = """
            <?xml version="1.0" ?>
            <!DOCTYPE nvidia_smi_log SYSTEM "nvsmi_device_v12.dtd">
            <nvidia_smi_log><driver_version>550.1</driver_version>
            <gpu id="00000000:3B:00.0"><product_name>H100</product_name>
            <ecc_errors><volatile><dram_uncorrectable>2</dram_uncorrectable><dram_correctable>7</dram_correctable></volatile></ecc_errors>
            <remapped_rows><remapped_row_corr>1</remapped_row_corr><remapped_row_unc>3</remapped_row_unc>
            <remapped_row_pending>Yes</remapped_row_pending><remapped_row_failure>No</remapped_row_failure></remapped_rows>
            <clocks_event_reasons><clocks_event_reason_hw_thermal_slowdown>Active</clocks_event_reason_hw_thermal_slowdown></clocks_event_reasons>
            </gpu></nvidia_smi_log>
            """;

        GpuReport gpu = Assert.Single(NvidiaSmiXmlParser.Parse(new StringReader(xml)).Gpus);

        Assert.Equal(GpuHealth.NeedsReset, gpu.Health);
        Assert.Equal((2L, 7L), (gpu.VolatileUncorrectable!.Value, gpu.VolatileCorrectable!.Value));
        Assert.Equal(3, gpu.Findings.Count);
    }

    [Fact]
    public void Parse_NotWellFormed_ThrowsWithLineAndColumn()
    {
        DeviceHealthException ex = Assert.Throws<DeviceHealthException>(() =>
            NvidiaSmiXmlParser.Parse(new StringReader("<nvidia_smi_log>\n<gpu>\n</nvidia_smi_log>")));

        Assert.Equal(3, ex.Line);
        Assert.True(ex.Column > 0);
    }

    [Fact]
    public void Parse_WrongRoot_Throws()
    {
        DeviceHealthException ex = Assert.Throws<DeviceHealthException>(() => NvidiaSmiXmlParser.Parse(new StringReader("<html/>")));

        Assert.Contains("nvidia_smi_log", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadNumber_IsReportedNotFatal()
    {
        string xml = "<nvidia_smi_log><gpu id=\"x\"><temperature><gpu_temp>hot</gpu_temp></temperature></gpu></nvidia_smi_log>";

        NvidiaSmiReport report = NvidiaSmiXmlParser.Parse(new StringReader(xml));

        Assert.Null(report.Gpus[0].TemperatureC);
        Assert.Equal(1, Assert.Single(report.Diagnostics).Line);
    }

    [Fact]
    public void Parse_ExternalEntity_IsNotResolved()
    {
        string xml = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><nvidia_smi_log><driver_version>&e;</driver_version></nvidia_smi_log>";

        Assert.Throws<DeviceHealthException>(() => NvidiaSmiXmlParser.Parse(new StringReader(xml)));
    }

    [Fact]
    public void Parse_SizeLimit_Throws()
    {
        string xml = "<nvidia_smi_log>" + new string(' ', 5000) + "</nvidia_smi_log>";

        Assert.Throws<DeviceHealthException>(() => NvidiaSmiXmlParser.Parse(new StringReader(xml), maxCharacters: 1000));
    }
}
