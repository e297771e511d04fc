using DeviceHealth.Actions;
using DeviceHealth.Devices;
using DeviceHealth.Inputs;
using DeviceHealth.Nodes;
using DeviceHealth.Pods;
using DeviceHealth.Signals;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Tests.Machines;

/// <summary>The three controllers fed with the shared node, pod, PodResources and kernel-log data, as an integrator would.</summary>
public class EndToEndTests
{
    [Fact]
    public void SharedData_Xid79OnBoundGpu_NodeCordonedAndCrashLoopingPodDeleted()
    {
        FakeTimeProvider time = new(new DateTimeOffset(2025, 7, 14, 8, 12, 38, TimeSpan.Zero));
        DeviceHealthController devices = new(timeProvider: time);
        NodePoolController nodes = new(new() { MaxUnhealthyPercent = 100 }, time);
        PodWatcherController pods = new(timeProvider: time);
        NodeSnapshot node = KubernetesJson.ReadNode(TestFiles.Bytes("k8s", "node-gpu-capacity-8-allocatable-7.json"));
        PodSnapshot pod = KubernetesJson.ReadPod(TestFiles.Bytes("k8s", "pod-crashloop-on-unhealthy-gpu.json"));
        PodResourcesSnapshot resources = KubernetesJson.ReadPodResources(TestFiles.Bytes("k8s", "podresources-v1-list-and-allocatable.json"));
        string gpu = Assert.Single(resources.PodDevices[$"{pod.Namespace}/{pod.Name}"]);

        // The kernel line quoted in the node's GpuXidFatal condition (reason XID79); the plugin already dropped the GPU.
        Assert.Contains(node.Conditions, c => c.Type == "GpuXidFatal" && c.Reason == "XID79");
        KernelEvent xid = KernelLogParser.ParseLine("NVRM: Xid (PCI:0000:3b:00): 79, GPU has fallen off the bus.", out _)!;
        List<ActionIntent> all = [.. devices.Observe(gpu, xid)];
        all.AddRange(nodes.Process(NodePoolEvent.FromSnapshot(node, "nvidia.com/gpu", unhealthyDevices: 1)));
        all.AddRange(pods.Process(new PodWatchEvent(PodWatchEventKind.Observed, pod, DeviceVerdict.From([devices.GetState(gpu)]))));

        time.Advance(TimeSpan.FromMinutes(5));
        all.AddRange(devices.Tick());
        all.AddRange(nodes.Tick());
        all.AddRange(pods.Tick());

        Assert.Contains(all, a => a is TaintDevice { DeviceId: var d, Effect: TaintEffect.NoSchedule } && d == gpu);
        Assert.Contains(all, a => a is CordonNode { NodeName: "gpu-node-a17" });
        Assert.Contains(all, a => a is SetNodeCondition { NodeName: "gpu-node-a17", Status: ConditionStatus.True });
        DeletePod delete = Assert.Single(all.OfType<DeletePod>());
        Assert.Equal(("serving", "inference-7d9c6b5f4-x2k8p"), (delete.Namespace, delete.Name));
        Assert.Equal(all.Count, all.Select(a => a.IdempotencyKey).Distinct().Count());
    }
}
