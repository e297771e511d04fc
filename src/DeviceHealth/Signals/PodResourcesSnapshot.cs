namespace DeviceHealth.Signals;

/// <summary>What the kubelet PodResources API reported (List and GetAllocatableResources), in JSON form.</summary>
/// <param name="PodDevices">For each <c>namespace/pod</c>, the device IDs bound to it (device plugin IDs and DRA
/// <c>driver/pool/device</c>).</param>
/// <param name="Allocatable">Allocatable device IDs per resource name.</param>
public sealed record PodResourcesSnapshot(
    IReadOnlyDictionary<string, IReadOnlyList<string>> PodDevices,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Allocatable);
