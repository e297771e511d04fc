using DeviceHealth.Devices;

namespace DeviceHealth.Pods;

/// <summary>The worst health of the devices bound to a pod, as the device machines see it.</summary>
/// <param name="Unhealthy">Whether any bound device is Unhealthy (or later in its failure episode).</param>
/// <param name="Unknown">Whether any bound device is Unknown.</param>
/// <param name="Class">The fault class of the worst unhealthy device.</param>
/// <param name="Since">Since when the worst device has been unhealthy.</param>
public readonly record struct DeviceVerdict(bool Unhealthy, bool Unknown, FaultClass Class, DateTimeOffset Since)
{
    /// <summary>All bound devices healthy (or nothing known beyond the pod's own status).</summary>
    public static DeviceVerdict Healthy => new(false, false, FaultClass.None, DateTimeOffset.MinValue);

    /// <summary>Folds device states into a verdict.</summary>
    /// <param name="states">The states of the pod's devices.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="states"/> is null.</exception>
    public static DeviceVerdict From(IEnumerable<DeviceState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        DeviceVerdict v = Healthy;
        foreach (DeviceState s in states)
        {
            if (s.Phase is DevicePhase.Unhealthy or DevicePhase.Draining or DevicePhase.Remediating or DevicePhase.Quarantined)
            {
                if (!v.Unhealthy || s.Since < v.Since)
                {
                    v = v with { Unhealthy = true, Class = s.Class, Since = s.Since };
                }
            }
            else if (s.Phase == DevicePhase.Unknown)
            {
                v = v with { Unknown = true };
            }
        }

        return v;
    }
}
