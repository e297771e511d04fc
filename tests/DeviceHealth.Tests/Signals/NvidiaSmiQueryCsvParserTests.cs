using DeviceHealth.Signals;

namespace DeviceHealth.Tests.Signals;

public class NvidiaSmiQueryCsvParserTests
{
    /// <summary>Cuts the first <c>--query-gpu</c> block (header and rows) out of a capture file.</summary>
    private static string QueryBlock(string file)
    {
        string[] lines = File.ReadAllLines(TestFiles.Path("nvidia-smi-text", file));
        int start = Array.FindIndex(lines, l => l.StartsWith("# $ nvidia-smi --query-gpu=", StringComparison.Ordinal));
        int header = Array.FindIndex(lines, start + 1, l => !l.StartsWith('#'));
        return string.Join('\n', lines.Skip(header).TakeWhile(l => l.Length > 0 && !l.StartsWith('#')));
    }

    // Expected values read off each capture by hand (the -q section of the same file agrees).
    [Theory]
    [InlineData("nvidia_gpu_exporter__linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt", "NVIDIA H100 80GB HBM3", "590.48.01", "00000000:00:09.0")]
    [InlineData("nvidia_gpu_exporter__linux-x86_64__nvidia-h200__590.48.01.txt", "NVIDIA H200", "590.48.01", "00000000:83:00.0")]
    [InlineData("nvidia_gpu_exporter__linux-x86_64__nvidia-l40s__595.80.txt", "NVIDIA L40S", "595.80", "00000000:01:00.0")]
    public void Parse_SharedCaptureQueryBlock_ReadsOneHealthyGpu(string file, string name, string driver, string bus)
    {
        NvidiaSmiReport report = NvidiaSmiQueryCsvParser.Parse(new StringReader(QueryBlock(file)));

        Assert.Equal(driver, report.DriverVersion);
        GpuReport gpu = Assert.Single(report.Gpus);
        Assert.Equal((name, bus), (gpu.ProductName, gpu.PciBusId));
        Assert.Empty(report.Diagnostics);
        Assert.NotNull(gpu.TemperatureC);
        Assert.NotNull(gpu.PcieMaxWidth);
        Assert.Equal(GpuHealth.Healthy, gpu.Health);
    }

    [Fact]
    public void Parse_UnitsAndPendingRemap_JudgedNeedsReset()
    {
        string csv = "uuid, name, pci.bus_id, temperature.gpu, memory.total [MiB], remapped_rows.pending, ecc.errors.uncorrected.volatile.total\n"
            + "GPU-1, H100, 00000000:01:00.0, 41, 81559 MiB, Yes, [N/A]\n";

        GpuReport gpu = Assert.Single(NvidiaSmiQueryCsvParser.Parse(new StringReader(csv)).Gpus);

        Assert.Equal(GpuHealth.NeedsReset, gpu.Health);
        Assert.Equal(41, gpu.TemperatureC);
        Assert.Null(gpu.VolatileUncorrectable);
    }

    [Fact]
    public void Parse_ShortRow_IsReported()
    {
        NvidiaSmiReport report = NvidiaSmiQueryCsvParser.Parse(new StringReader("uuid, name\nGPU-1\n"));

        Assert.Empty(report.Gpus);
        Assert.Equal(2, Assert.Single(report.Diagnostics).Line);
    }

    [Fact]
    public void Parse_NotAHeader_Throws()
    {
        Assert.Throws<DeviceHealthException>(() => NvidiaSmiQueryCsvParser.Parse(new StringReader("hello, world\n")));
    }
}
