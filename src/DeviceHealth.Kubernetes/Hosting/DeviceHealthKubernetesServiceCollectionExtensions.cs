using System.Diagnostics.Metrics;
using DeviceHealth.Configuration;
using DeviceHealth.Kubernetes.Applying;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Election;
using DeviceHealth.Kubernetes.Hosting;
using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DeviceHealth Kubernetes integration.</summary>
public static class DeviceHealthKubernetesServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DeviceHealthKubernetesOptions"/> (attribute and cross-field validation, checked when the host
    /// starts), the <see cref="KubernetesActionApplier"/>, the <see cref="LeaseLeaderElector"/> and the
    /// <see cref="DeviceHealthKubernetesController"/> as singletons. An <see cref="IKubernetes"/> must be registered;
    /// the machines' <see cref="DeviceHealthOptions"/> come from <c>AddDeviceHealth</c> (defaults otherwise).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional configuration of the options.</param>
    /// <returns>The options builder, to chain <c>Bind</c> or more validation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static OptionsBuilder<DeviceHealthKubernetesOptions> AddDeviceHealthKubernetes(
        this IServiceCollection services,
        Action<DeviceHealthKubernetesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<DeviceHealthKubernetesOptions> builder = services.AddOptions<DeviceHealthKubernetesOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IValidateOptions<DeviceHealthKubernetesOptions>,
            DeviceHealthKubernetesOptionsAttributeValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IValidateOptions<DeviceHealthKubernetesOptions>,
            DeviceHealthKubernetesOptionsValidator>());
        builder.ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new KubernetesMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new KubernetesActionApplier(
            sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<IOptions<DeviceHealthKubernetesOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<KubernetesActionApplier>>(),
            sp.GetRequiredService<KubernetesMetrics>()));
        services.TryAddSingleton(sp => new LeaseLeaderElector(
            sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<IOptions<DeviceHealthKubernetesOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<LeaseLeaderElector>>(),
            sp.GetRequiredService<KubernetesMetrics>()));
        services.TryAddSingleton(sp => new DeviceHealthKubernetesController(
            sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<IOptions<DeviceHealthKubernetesOptions>>().Value,
            sp.GetRequiredService<IOptions<DeviceHealthOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetRequiredService<KubernetesMetrics>()));
        return builder;
    }
}
