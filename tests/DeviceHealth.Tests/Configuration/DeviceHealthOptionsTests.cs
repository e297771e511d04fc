using DeviceHealth.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DeviceHealth.Tests.Configuration;

public class DeviceHealthOptionsTests
{
    private static OptionsValidationException? Start(Action<DeviceHealthOptions> configure)
    {
        ServiceCollection services = new();
        services.AddDeviceHealth(configure);
        using ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync().GetAwaiter().GetResult();
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex;
        }
    }

    [Fact]
    public void AddDeviceHealth_Defaults_AreValid()
    {
        Assert.Null(Start(_ => { }));
    }

    [Fact]
    public void AddDeviceHealth_RangeViolation_FailsOnStart()
    {
        OptionsValidationException? ex = Start(o => o.Device.MaxAttempts = 0);

        Assert.NotNull(ex);
        Assert.Contains(ex.Failures, f => f.Contains("MaxAttempts", StringComparison.Ordinal));
    }

    [Fact]
    public void AddDeviceHealth_TimeSpanBelowMinimum_FailsOnStart()
    {
        // Escalation steps have a 60 s minimum, as in NodeHealthCheck.
        OptionsValidationException? ex = Start(o => o.Node.StepTimeout = TimeSpan.FromSeconds(30));

        Assert.NotNull(ex);
        Assert.Contains(ex.Failures, f => f.Contains("Node.StepTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void AddDeviceHealth_CrossFieldRules_FailOnStart()
    {
        OptionsValidationException? ex = Start(o =>
        {
            o.Degradation.ExitThreshold = 1.2;
            o.Degradation.EnterThreshold = 1.1;
            o.DisabledXids = "48,foo";
        });

        Assert.NotNull(ex);
        Assert.Contains(ex.Failures, f => f.Contains("ExitThreshold", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("DisabledXids", StringComparison.Ordinal));
    }

    [Fact]
    public void AddDeviceHealth_Twice_RegistersValidatorsOnce()
    {
        ServiceCollection services = new();
        services.AddDeviceHealth();
        services.AddDeviceHealth();

        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(IValidateOptions<DeviceHealthOptions>)));
    }
}
