namespace DeviceHealth.Devices;

/// <summary>The kinds of event the device machine accepts.</summary>
public enum DeviceEventKind : byte
{
    /// <summary>A kernel XID; <see cref="DeviceEvent.Code"/> is the XID and <see cref="DeviceEvent.Class"/> its effective class.</summary>
    Xid,

    /// <summary>A DCGM health incident; <see cref="DeviceEvent.Code"/> is the result (10 WARN, 20 FAIL).</summary>
    DcgmIncident,

    /// <summary>The GPU fell off the bus without an XID line.</summary>
    GpuLost,

    /// <summary>A healthy signal or heartbeat.</summary>
    Healthy,

    /// <summary>No signal within the health timeout.</summary>
    HealthTimeout,

    /// <summary>The device plugin restarted (infrastructure; never a fault).</summary>
    PluginRestarted,

    /// <summary>The kubelet restarted (infrastructure; never a fault).</summary>
    KubeletRestarted,

    /// <summary>No pod uses the device any more.</summary>
    PodsGone,

    /// <summary>The running remediation succeeded.</summary>
    RemediationSucceeded,

    /// <summary>The running remediation reported failure.</summary>
    RemediationFailed,

    /// <summary>A human confirmed the device healthy.</summary>
    ManualConfirmHealthy,

    /// <summary>Time passed; deadlines are checked.</summary>
    Tick,
}
