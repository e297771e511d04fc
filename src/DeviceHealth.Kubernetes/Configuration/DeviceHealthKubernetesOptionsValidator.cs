using Microsoft.Extensions.Options;

namespace DeviceHealth.Kubernetes.Configuration;

/// <summary>The attribute rules of <see cref="DeviceHealthKubernetesOptions"/>, generated at compile time (AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class DeviceHealthKubernetesOptionsAttributeValidator
    : IValidateOptions<DeviceHealthKubernetesOptions>
{
}

/// <summary>Time ranges and cross-field rules of <see cref="DeviceHealthKubernetesOptions"/>.</summary>
internal sealed class DeviceHealthKubernetesOptionsValidator : IValidateOptions<DeviceHealthKubernetesOptions>
{
    private static readonly TimeSpan s_millisecond = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan s_tenthSecond = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_tenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_hour = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, DeviceHealthKubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        CheckRange(failures, nameof(options.WatchTimeout), options.WatchTimeout, s_second, s_hour);
        CheckRange(failures, nameof(options.WatchGracePeriod), options.WatchGracePeriod, s_tenthSecond, s_tenMinutes);
        CheckRange(failures, nameof(options.RequestTimeout), options.RequestTimeout, s_tenthSecond, s_tenMinutes);
        CheckRange(failures, nameof(options.ReconnectMinDelay), options.ReconnectMinDelay, s_millisecond, s_tenMinutes);
        CheckRange(failures, nameof(options.ReconnectMaxDelay), options.ReconnectMaxDelay, s_millisecond, s_tenMinutes);
        CheckRange(failures, nameof(options.LeaseDuration), options.LeaseDuration, s_second, s_tenMinutes);
        CheckRange(failures, nameof(options.RenewDeadline), options.RenewDeadline, s_millisecond, s_tenMinutes);
        CheckRange(failures, nameof(options.RetryPeriod), options.RetryPeriod, s_millisecond, s_tenMinutes);
        CheckRange(failures, nameof(options.TickInterval), options.TickInterval, s_millisecond, s_hour);
        if (options.RenewDeadline >= options.LeaseDuration)
        {
            failures.Add(
                $"RenewDeadline ({options.RenewDeadline}) must be below LeaseDuration ({options.LeaseDuration}), "
                + "or two replicas could act at once.");
        }

        if (options.RetryPeriod >= options.RenewDeadline)
        {
            failures.Add($"RetryPeriod ({options.RetryPeriod}) must be below RenewDeadline ({options.RenewDeadline}).");
        }

        if (options.ReconnectMinDelay > options.ReconnectMaxDelay)
        {
            failures.Add(
                $"ReconnectMinDelay ({options.ReconnectMinDelay}) must not exceed ReconnectMaxDelay "
                + $"({options.ReconnectMaxDelay}).");
        }

        if (options.LeaseDuration.TotalSeconds != Math.Floor(options.LeaseDuration.TotalSeconds))
        {
            failures.Add($"LeaseDuration ({options.LeaseDuration}) must be whole seconds (leaseDurationSeconds).");
        }

        if (options.WatchTimeout.TotalSeconds != Math.Floor(options.WatchTimeout.TotalSeconds))
        {
            failures.Add($"WatchTimeout ({options.WatchTimeout}) must be whole seconds (timeoutSeconds).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{name} ({value}) must be between {min} and {max}.");
        }
    }
}
