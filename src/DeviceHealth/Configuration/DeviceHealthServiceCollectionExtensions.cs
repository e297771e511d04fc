using DeviceHealth.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers DeviceHealth options with validation at start-up.</summary>
public static class DeviceHealthServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DeviceHealthOptions"/> with attribute and cross-field validation, checked when the host starts
    /// (<c>ValidateOnStart</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional configuration of the options.</param>
    /// <returns>The options builder, to chain <c>Bind</c> or more validation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static OptionsBuilder<DeviceHealthOptions> AddDeviceHealth(
        this IServiceCollection services,
        Action<DeviceHealthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<DeviceHealthOptions> builder = services.AddOptions<DeviceHealthOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeviceHealthOptions>, DeviceHealthOptionsAttributeValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeviceHealthOptions>, DeviceHealthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        builder.ValidateOnStart();
        return builder;
    }
}
