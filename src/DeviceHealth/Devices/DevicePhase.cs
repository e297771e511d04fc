namespace DeviceHealth.Devices;

/// <summary>The phases of the single-device health machine.</summary>
public enum DevicePhase : byte
{
    /// <summary>No fault signals.</summary>
    Healthy,

    /// <summary>Non-fatal signals inside the repetition window.</summary>
    Suspect,

    /// <summary>Failed, with a <see cref="FaultClass"/>; one-way until a recovery event.</summary>
    Unhealthy,

    /// <summary>Waiting for the pods on the device to leave.</summary>
    Draining,

    /// <summary>A remediation is running (with an attempt number and a deadline).</summary>
    Remediating,

    /// <summary>Probation after a successful remediation (healthy delay).</summary>
    Recovering,

    /// <summary>Held for a human; left only through a manual confirmation.</summary>
    Quarantined,

    /// <summary>No signal within the health timeout, or the plugin or kubelet restarted.</summary>
    Unknown,
}
