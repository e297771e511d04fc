using DeviceHealth.Inputs;

namespace DeviceHealth.Pods;

/// <summary>One input of the pod watcher.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Pod">The pod snapshot.</param>
/// <param name="Devices">The verdict over the pod's bound devices from the device machines.</param>
public readonly record struct PodWatchEvent(PodWatchEventKind Kind, PodSnapshot Pod, DeviceVerdict Devices);
