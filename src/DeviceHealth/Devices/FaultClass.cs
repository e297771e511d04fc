namespace DeviceHealth.Devices;

/// <summary>What kind of fault a signal indicates (the catalog's <c>proposed_class</c>).</summary>
public enum FaultClass : byte
{
    /// <summary>No fault.</summary>
    None,

    /// <summary>Informational; no effect on health.</summary>
    Info,

    /// <summary>An application error; the device is still healthy. Only repetitions count.</summary>
    App,

    /// <summary>A device fault that a GPU reset clears.</summary>
    DeviceReset,

    /// <summary>A device or NVLink/NVSwitch fabric fault (reset, or fabric workflow).</summary>
    Fabric,

    /// <summary>A fault that needs a node reboot (for example fallen off the bus).</summary>
    NodeReboot,

    /// <summary>A fault the vendor says to escalate to support: quarantine at once.</summary>
    HeldForHuman,

    /// <summary>Takes the class of the preceding XID on the same device (XID 45).</summary>
    FollowPreceding,

    /// <summary>A fault of unknown kind; treated as fatal.</summary>
    Unknown,
}
