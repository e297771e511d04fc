using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PqcTls.Handshake;

/// <summary>Registers the ClientHello reader's options with validation at start-up.</summary>
public static class ClientHelloServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ClientHelloReaderOptions"/> (configured by <paramref name="configure"/>), validated by
    /// <see cref="ClientHelloReaderOptionsValidator"/> when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the limits.</param>
    /// <returns>The options builder, for further configuration.</returns>
    public static OptionsBuilder<ClientHelloReaderOptions> AddClientHelloReaderOptions(
        this IServiceCollection services, Action<ClientHelloReaderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientHelloReaderOptions>,
            ClientHelloReaderOptionsValidator>());
        return services.AddOptions<ClientHelloReaderOptions>().Configure(configure).ValidateOnStart();
    }
}
