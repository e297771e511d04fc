using System.Globalization;

namespace DeviceHealth.Configuration;

/// <summary>
/// The inclusive range of a <see cref="TimeSpan"/> option (constant-format strings, for example <c>00:01:00</c>).
/// Checked by the options validator without reflection over types, so it is trimming- and AOT-safe.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class TimeSpanRangeAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="minimum">The smallest value allowed.</param>
    /// <param name="maximum">The largest value allowed.</param>
    public TimeSpanRangeAttribute(string minimum, string maximum)
    {
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    /// <summary>The smallest value allowed.</summary>
    public TimeSpan Minimum { get; }

    /// <summary>The largest value allowed.</summary>
    public TimeSpan Maximum { get; }
}
