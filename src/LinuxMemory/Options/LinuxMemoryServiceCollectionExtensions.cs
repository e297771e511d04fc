using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LinuxMemory.Options;

/// <summary>Registers <see cref="LinuxMemoryOptions"/> with validation that runs when the host starts.</summary>
public static class LinuxMemoryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LinuxMemoryOptions"/>, its range and cross-field validation, <c>ValidateOnStart</c>, and the
    /// <see cref="Analysis.NodeMemoryInspector"/> service that uses them.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The options builder, for further configuration (for example <c>BindConfiguration("LinuxMemory")</c>).</returns>
    public static OptionsBuilder<LinuxMemoryOptions> AddLinuxMemory(this IServiceCollection services, Action<LinuxMemoryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinuxMemoryOptions>, LinuxMemoryOptionsAttributeValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinuxMemoryOptions>, LinuxMemoryOptionsValidator>());
        services.TryAddSingleton<Analysis.NodeMemoryInspector>();
        return services.AddOptions<LinuxMemoryOptions>().Configure(configure).ValidateOnStart();
    }
}
