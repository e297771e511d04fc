using Microsoft.Extensions.Options;

namespace DeviceHealth.Configuration;

/// <summary>The attribute rules of <see cref="DeviceHealthOptions"/>, generated at compile time (AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class DeviceHealthOptionsAttributeValidator : IValidateOptions<DeviceHealthOptions>
{
}
