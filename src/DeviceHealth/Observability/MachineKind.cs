namespace DeviceHealth.Observability;

/// <summary>The machines of the package, for <see cref="MermaidExporter"/>.</summary>
public enum MachineKind
{
    /// <summary><see cref="Devices.DeviceHealthMachine"/>.</summary>
    Device,

    /// <summary><see cref="Nodes.NodePoolMachine"/>.</summary>
    NodePool,

    /// <summary><see cref="Pods.PodWatcherMachine"/>.</summary>
    PodWatcher,

    /// <summary><see cref="Gangs.GangPlanner"/>.</summary>
    Gang,

    /// <summary><see cref="Degradation.DegradationDetector"/>.</summary>
    Degradation,
}
