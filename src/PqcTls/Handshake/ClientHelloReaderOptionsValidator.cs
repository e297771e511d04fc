using Microsoft.Extensions.Options;

namespace PqcTls.Handshake;

/// <summary>Validates <see cref="ClientHelloReaderOptions"/> without reflection (AOT-safe).</summary>
public sealed class ClientHelloReaderOptionsValidator : IValidateOptions<ClientHelloReaderOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ClientHelloReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxClientHelloLength is < 64 or > ClientHelloReaderOptions.MaxAllowedClientHelloLength)
        {
            failures.Add($"MaxClientHelloLength must be between 64 and {ClientHelloReaderOptions.MaxAllowedClientHelloLength}, not {options.MaxClientHelloLength}.");
        }

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"Timeout must be positive or Timeout.InfiniteTimeSpan, not {options.Timeout}.");
        }

        if (options.TimeProvider is null)
        {
            failures.Add("TimeProvider must be set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
