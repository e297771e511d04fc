using DeviceHealth.Kubernetes.Applying;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Election;
using DeviceHealth.Kubernetes.Hosting;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DeviceHealth.Kubernetes.Tests.Hosting;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddDeviceHealthKubernetes_WithClient_ResolvesControllerApplierAndElector()
    {
        using var provider = Services(o => o.Identity = "replica-0").BuildServiceProvider();

        await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None);

        Assert.NotNull(provider.GetRequiredService<DeviceHealthKubernetesController>());
        Assert.NotNull(provider.GetRequiredService<KubernetesActionApplier>());
        Assert.NotNull(provider.GetRequiredService<LeaseLeaderElector>());
        Assert.Equal("replica-0", provider.GetRequiredService<IOptions<DeviceHealthKubernetesOptions>>().Value.Identity);
    }

    [Fact]
    public async Task AddDeviceHealthKubernetes_InvalidOptions_FailStartupValidationNamingEachProblem()
    {
        using var provider = Services(o =>
        {
            o.Identity = "";
            o.LeaseDuration = TimeSpan.FromSeconds(10);
            o.RenewDeadline = TimeSpan.FromSeconds(10);
            o.ConflictRetries = -1;
            o.WatchTimeout = TimeSpan.FromMilliseconds(1500);
        }).BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(
            () => provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));

        Assert.Contains(ex.Failures, f => f.Contains("Identity", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("ConflictRetries", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("RenewDeadline (00:00:10) must be below LeaseDuration", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("WatchTimeout (00:00:01.5000000) must be whole seconds", StringComparison.Ordinal));
    }

    [Property]
    public Property Validate_LeaseTimings_AcceptedExactlyWhenRetryBelowRenewBelowDuration(
        PositiveInt durationSeconds,
        PositiveInt renewTenths,
        PositiveInt retryTenths)
    {
        var options = new DeviceHealthKubernetesOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(Math.Min(durationSeconds.Get, 600)),
            RenewDeadline = TimeSpan.FromMilliseconds(100.0 * Math.Min(renewTenths.Get, 6000)),
            RetryPeriod = TimeSpan.FromMilliseconds(100.0 * Math.Min(retryTenths.Get, 6000)),
        };

        var result = new DeviceHealthKubernetesOptionsValidator().Validate(null, options);

        bool expected = options.RetryPeriod < options.RenewDeadline && options.RenewDeadline < options.LeaseDuration;
        return (result.Succeeded == expected).Label(result.FailureMessage ?? "ok");
    }

    private static ServiceCollection Services(Action<DeviceHealthKubernetesOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IKubernetes>(new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }));
        services.AddDeviceHealthKubernetes(configure);
        return services;
    }
}
