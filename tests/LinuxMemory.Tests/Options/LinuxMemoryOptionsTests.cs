using LinuxMemory.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LinuxMemory.Tests.Options;

public sealed class LinuxMemoryOptionsTests
{
    private static OptionsValidationException? Validate(Action<LinuxMemoryOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLinuxMemory(configure);
        using ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<LinuxMemoryOptions>>().Value;
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex;
        }
    }

    [Fact]
    public void AddLinuxMemory_Defaults_AreValid()
    {
        Assert.Null(Validate(_ => { }));
    }

    [Fact]
    public void AddLinuxMemory_ScaleFactorOutOfRange_Fails()
    {
        OptionsValidationException? ex = Validate(o => o.WatermarkScaleFactor = 3001);

        Assert.NotNull(ex);
        Assert.Contains("WatermarkScaleFactor", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLinuxMemory_SwappinessOutOfRange_Fails()
    {
        Assert.NotNull(Validate(o => o.Swappiness = 201));
    }

    [Fact]
    public void AddLinuxMemory_SoftBelowHard_FailsCrossFieldRule()
    {
        OptionsValidationException? ex = Validate(o =>
        {
            o.EvictionHard = "500Mi";
            o.EvictionSoft = "200Mi";
        });

        Assert.NotNull(ex);
        Assert.Contains("EvictionSoft must not be below EvictionHard", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLinuxMemory_LegacyKernelWithLargeScaleFactor_Fails()
    {
        Assert.NotNull(Validate(o =>
        {
            o.LegacySysctlLimits = true;
            o.WatermarkScaleFactor = 2000;
        }));
    }

    [Fact]
    public void AddLinuxMemory_BadQuantity_Fails()
    {
        Assert.NotNull(Validate(o => o.EvictionHard = "100 megs"));
    }

    [Fact]
    public void AddLinuxMemory_RegistersValidateOnStart()
    {
        var services = new ServiceCollection();
        services.AddLinuxMemory(o => o.WatermarkScaleFactor = 0);

        Assert.Contains(services, d => d.ServiceType.Name.Contains("IStartupValidator", StringComparison.Ordinal) ||
            d.ImplementationType?.Name.Contains("StartupValidator", StringComparison.Ordinal) == true);
    }
}

public sealed class NodeMemoryInspectorTests
{
    [Fact]
    public void Inspect_ConfiguredCaptureWithProposal_AnalyzesBoth()
    {
        var services = new ServiceCollection();
        services.AddLinuxMemory(o =>
        {
            o.ProcRoot = Fixtures.Directory("local-firecracker-6.18");
            o.MinFreeKbytes = 524288;
            o.WatermarkScaleFactor = 2000;
            o.EvictionHard = "600Mi";
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        LinuxMemory.Analysis.NodeMemoryReport report = provider.GetRequiredService<LinuxMemory.Analysis.NodeMemoryInspector>().Inspect();

        Assert.True(report.Current!.AllExact);
        Assert.True(report.Proposed!.IsWhatIf);

        // Proposed summed min 131102 pages = 512.1 MiB, low 1272.5 MiB (see the what-if test): 600Mi lies between.
        Assert.Equal(LinuxMemory.Planning.EvictionPlacement.InsideKswapdWindow, report.Plan!.Thresholds[0].Placement);
    }
}
