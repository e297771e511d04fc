namespace DeviceHealth.Actions;

/// <summary>What a device remediation does (the NVSentinel recommended-action vocabulary, reduced).</summary>
public enum RemediationKind
{
    /// <summary>Restart the application (nothing to do to the device).</summary>
    RestartApplication,

    /// <summary>Reset the GPU (<c>nvidia-smi -r</c> or a GPUReset CR).</summary>
    ResetGpu,

    /// <summary>Reboot the node.</summary>
    RebootNode,

    /// <summary>Run field diagnostics (DCGM EUD).</summary>
    RunDiagnostics,

    /// <summary>Hand over to a human or the vendor.</summary>
    ContactSupport,
}
