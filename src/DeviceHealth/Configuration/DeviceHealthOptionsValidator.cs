using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace DeviceHealth.Configuration;

/// <summary>Cross-field rules of <see cref="DeviceHealthOptions"/>.</summary>
internal sealed class DeviceHealthOptionsValidator : IValidateOptions<DeviceHealthOptions>
{
    public ValidateOptionsResult Validate(string? name, DeviceHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        CheckTimeSpans(typeof(DeviceMachineOptions), options.Device, "Device", failures);
        CheckTimeSpans(typeof(NodePoolOptions), options.Node, "Node", failures);
        CheckTimeSpans(typeof(PodWatcherOptions), options.Pod, "Pod", failures);
        DegradationOptions d = options.Degradation;
        if (d.ExitThreshold >= d.EnterThreshold)
        {
            failures.Add($"Degradation.ExitThreshold ({d.ExitThreshold}) must be below EnterThreshold ({d.EnterThreshold}).");
        }

        if (d.EnterCount > d.WindowCount || d.ExitCount > d.WindowCount)
        {
            failures.Add($"Degradation.EnterCount and ExitCount must not exceed WindowCount ({d.WindowCount}).");
        }

        if (options.Node.Remediations.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Node.Remediations must not contain empty template names.");
        }

        if (!Signals.XidPolicy.TryParseList(options.DisabledXids, allowAll: true, out _, out _))
        {
            failures.Add($"DisabledXids '{options.DisabledXids}' is not 'all', 'xids' or a comma list of XIDs.");
        }

        if (!Signals.XidPolicy.TryParseList(options.EnabledXids, allowAll: true, out _, out _))
        {
            failures.Add($"EnabledXids '{options.EnabledXids}' is not 'all' or a comma list of XIDs.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckTimeSpans(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type,
        object? section,
        string prefix,
        List<string> failures)
    {
        if (section is null)
        {
            failures.Add($"{prefix} must not be null.");
            return;
        }

        foreach (PropertyInfo property in type.GetProperties())
        {
            if (property.GetCustomAttribute<TimeSpanRangeAttribute>() is not { } range
                || property.GetValue(section) is not TimeSpan value)
            {
                continue;
            }

            if (value < range.Minimum || value > range.Maximum)
            {
                failures.Add($"{prefix}.{property.Name} is {value}; expected between {range.Minimum} and {range.Maximum}.");
            }
        }
    }
}
