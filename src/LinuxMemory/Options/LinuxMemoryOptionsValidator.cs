using Microsoft.Extensions.Options;

namespace LinuxMemory.Options;

/// <summary>The source-generated, AOT-safe check of the <see cref="LinuxMemoryOptions"/> attributes.</summary>
[OptionsValidator]
internal sealed partial class LinuxMemoryOptionsAttributeValidator : IValidateOptions<LinuxMemoryOptions>
{
}

/// <summary>Cross-field rules of <see cref="LinuxMemoryOptions"/>.</summary>
internal sealed class LinuxMemoryOptionsValidator : IValidateOptions<LinuxMemoryOptions>
{
    public ValidateOptionsResult Validate(string? name, LinuxMemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Planning.EvictionThreshold.TryParse(options.EvictionHard, out Planning.EvictionThreshold hard))
        {
            failures.Add($"EvictionHard '{options.EvictionHard}' is not a quantity (100Mi) or a percentage (5%).");
        }

        if (options.EvictionSoft is not null)
        {
            if (!Planning.EvictionThreshold.TryParse(options.EvictionSoft, out Planning.EvictionThreshold soft))
            {
                failures.Add($"EvictionSoft '{options.EvictionSoft}' is not a quantity (100Mi) or a percentage (5%).");
            }
            else if (!hard.IsPercentage && !soft.IsPercentage && soft.Bytes < hard.Bytes)
            {
                failures.Add("EvictionSoft must not be below EvictionHard: the soft threshold is meant to fire first.");
            }
        }

        if (options.LegacySysctlLimits && options.WatermarkScaleFactor > 1000)
        {
            failures.Add("WatermarkScaleFactor above 1000 needs kernel 5.19 or later (LegacySysctlLimits is set).");
        }

        if (options.LegacySysctlLimits && options.Swappiness > 100)
        {
            failures.Add("Swappiness above 100 needs kernel 5.8 or later (LegacySysctlLimits is set).");
        }

        if (!int.IsPow2(options.PageSizeBytes))
        {
            failures.Add($"PageSizeBytes {options.PageSizeBytes} is not a power of two.");
        }

        if (options.MinFreeKbytes is long minFree && minFree % (options.PageSizeBytes / 1024) != 0)
        {
            failures.Add($"MinFreeKbytes {minFree} is not a whole number of {options.PageSizeBytes / 1024} kB pages; the kernel rounds it down.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
