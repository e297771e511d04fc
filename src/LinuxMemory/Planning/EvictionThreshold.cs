using System.Globalization;

namespace LinuxMemory.Planning;

/// <summary>
/// A kubelet <c>memory.available</c> eviction threshold: a Kubernetes quantity (<c>100Mi</c>, <c>1G</c>, <c>512000Ki</c>)
/// or a percentage of node capacity (<c>10%</c>).
/// </summary>
public readonly record struct EvictionThreshold
{
    private EvictionThreshold(long bytes, double percent, bool isPercentage)
    {
        Bytes = bytes;
        Percent = percent;
        IsPercentage = isPercentage;
    }

    /// <summary>Gets kubelet's default hard threshold on Linux, 100Mi.</summary>
    public static EvictionThreshold Default { get; } = FromBytes(100L << 20);

    /// <summary>Gets the threshold in bytes (when not a percentage).</summary>
    public long Bytes { get; }

    /// <summary>Gets the percentage of capacity (when <see cref="IsPercentage"/>).</summary>
    public double Percent { get; }

    /// <summary>Gets a value indicating whether the threshold is a percentage of capacity.</summary>
    public bool IsPercentage { get; }

    /// <summary>Creates a threshold of a fixed size.</summary>
    /// <param name="bytes">The size in bytes.</param>
    /// <returns>The threshold.</returns>
    public static EvictionThreshold FromBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return new EvictionThreshold(bytes, 0, false);
    }

    /// <summary>Parses a quantity or percentage as written in a kubelet configuration.</summary>
    /// <param name="text">For example <c>100Mi</c> or <c>5%</c>.</param>
    /// <returns>The threshold.</returns>
    /// <exception cref="FormatException">The text is not a non-negative quantity or a percentage from 0 to 100.</exception>
    public static EvictionThreshold Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out EvictionThreshold value))
        {
            throw new FormatException($"expected a quantity such as 100Mi or a percentage such as 5%, found '{text}'");
        }

        return value;
    }

    /// <summary>Tries to parse a quantity or percentage.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The threshold.</param>
    /// <returns>Whether the text was valid.</returns>
    public static bool TryParse(string? text, out EvictionThreshold value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        text = text.Trim();
        if (text.EndsWith('%'))
        {
            if (!double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double percent) ||
                percent < 0 || percent > 100)
            {
                return false;
            }

            value = new EvictionThreshold(0, percent, true);
            return true;
        }

        int end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        if (end == 0 || !decimal.TryParse(text.AsSpan(0, end), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
        {
            return false;
        }

        decimal multiplier = text[end..] switch
        {
            "" => 1m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "T" => 1e12m,
            "P" => 1e15m,
            "E" => 1e18m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
            "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
            _ => -1m,
        };

        if (multiplier < 0)
        {
            return false;
        }

        decimal bytes = decimal.Ceiling(number * multiplier);
        if (bytes > long.MaxValue)
        {
            return false;
        }

        value = new EvictionThreshold((long)bytes, 0, false);
        return true;
    }

    /// <summary>Resolves the threshold against node capacity the way kubelet does (percentages of capacity, truncated).</summary>
    /// <param name="capacityBytes">Node memory capacity (MemTotal).</param>
    /// <returns>The threshold in bytes.</returns>
    public long ResolveBytes(long capacityBytes) =>
        IsPercentage ? (long)(capacityBytes * (Percent / 100.0)) : Bytes;

    /// <inheritdoc/>
    public override string ToString() =>
        IsPercentage
            ? Percent.ToString(CultureInfo.InvariantCulture) + "%"
            : Bytes % (1L << 20) == 0
                ? (Bytes >> 20).ToString(CultureInfo.InvariantCulture) + "Mi"
                : Bytes.ToString(CultureInfo.InvariantCulture);
}
