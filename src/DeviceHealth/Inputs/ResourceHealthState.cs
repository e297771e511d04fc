namespace DeviceHealth.Inputs;

/// <summary>KEP-4680 health values.</summary>
public enum ResourceHealthState
{
    /// <summary>No signal within the health timeout, or a value this library does not know.</summary>
    Unknown,

    /// <summary>Healthy.</summary>
    Healthy,

    /// <summary>Unhealthy (KEP-4680 treats it as temporary).</summary>
    Unhealthy,
}
