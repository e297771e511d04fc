using DeviceHealth.Actions;
using DeviceHealth.Inputs;
using DeviceHealth.Nodes;
using DeviceHealth.Signals;

namespace DeviceHealth.Tests.Signals;

public class KubernetesJsonTests
{
    [Fact]
    public void ReadNode_Capacity8Allocatable7_GapOfOne()
    {
        NodeSnapshot node = KubernetesJson.ReadNode(TestFiles.Bytes("k8s", "node-gpu-capacity-8-allocatable-7.json"));

        Assert.Equal("gpu-node-a17", node.Name);
        Assert.Equal(8, node.Capacity["nvidia.com/gpu"]);
        Assert.Equal(7, node.Allocatable["nvidia.com/gpu"]);
        Assert.False(node.Capacity.ContainsKey("cpu"));
        Assert.Equal(new NodeTaint("nvidia.com/gpu", "present", TaintEffect.NoSchedule), Assert.Single(node.Taints));
        Assert.Contains(node.Conditions, c => c.Type == "GpuXidFatal" && c.Status == ConditionStatus.True && c.Reason == "XID79");
        NodePoolEvent evt = NodePoolEvent.FromSnapshot(node, "nvidia.com/gpu");
        Assert.Equal(1, evt.Capacity - evt.Allocatable);
    }

    [Fact]
    public void ReadPod_CrashLoopOnUnhealthyGpu_ReadsOwnerRestartsAndHealth()
    {
        PodSnapshot pod = KubernetesJson.ReadPod(TestFiles.Bytes("k8s", "pod-crashloop-on-unhealthy-gpu.json"));

        Assert.Equal(("serving", "inference-7d9c6b5f4-x2k8p"), (pod.Namespace, pod.Name));
        Assert.Equal(new OwnerReference("ReplicaSet", "inference-7d9c6b5f4", "5b0c6f0e-3f61-4c2a-9d8e-0a1b2c3d4e5f", true), pod.Controller);
        ContainerStatusSnapshot c = Assert.Single(pod.ContainerStatuses);
        Assert.Equal((7, "CrashLoopBackOff", (int?)null, (int?)139), (c.RestartCount, c.WaitingReason, c.ExitCode, c.LastExitCode));
        ResourceHealth h = Assert.Single(Assert.Single(c.AllocatedResourcesStatus).Resources);
        Assert.Equal(new ResourceHealth("GPU-efbdfde9-5798-a6e7-4c46-12518fa15375", ResourceHealthState.Unhealthy, "XidCriticalError: Xid=79"), h);
        Assert.Equal(PodPhase.Running, pod.Phase);
    }

    [Fact]
    public void ReadPod_DraClaim_ReadsMixedHealth()
    {
        PodSnapshot pod = KubernetesJson.ReadPod(TestFiles.Bytes("k8s", "pod-dra-claim-health-unknown.json"));

        ResourceStatus status = Assert.Single(Assert.Single(pod.ContainerStatuses).AllocatedResourcesStatus);
        Assert.Equal("claim:gpus/gpu", status.Name);
        Assert.Equal(
            [ResourceHealthState.Healthy, ResourceHealthState.Unhealthy, ResourceHealthState.Unknown],
            status.Resources.Select(r => r.Health));
        Assert.Null(pod.Controller);
        Assert.Equal("Never", pod.RestartPolicy);
    }

    [Fact]
    public void ReadPod_RealKubeletStatus_ReadsHealthyResource()
    {
        PodSnapshot pod = KubernetesJson.ReadPod(TestFiles.Bytes("k8s", "real__ihcsim-kubelet-plugin__pod-status.json"));

        Assert.Equal(PodPhase.Running, pod.Phase);
        Assert.NotEmpty(pod.Conditions);
        Assert.All(
            pod.ContainerStatuses.SelectMany(c => c.AllocatedResourcesStatus).SelectMany(s => s.Resources),
            r => Assert.Equal(ResourceHealthState.Healthy, r.Health));
        Assert.NotEmpty(pod.ContainerStatuses.SelectMany(c => c.AllocatedResourcesStatus));
    }

    [Fact]
    public void ReadPodResources_ListAndAllocatable_MapsPodsToDevices()
    {
        PodResourcesSnapshot snap = KubernetesJson.ReadPodResources(TestFiles.Bytes("k8s", "podresources-v1-list-and-allocatable.json"));

        Assert.Equal(["GPU-efbdfde9-5798-a6e7-4c46-12518fa15375"], snap.PodDevices["serving/inference-7d9c6b5f4-x2k8p"]);
        Assert.Equal(["gpu.nvidia.com/gpu-node-b03/gpu-1"], snap.PodDevices["research/trainer-0"]);
        Assert.Equal(2, snap.Allocatable["nvidia.com/gpu"].Count);
    }

    [Fact]
    public void ReadResourceSliceTaints_SharedYaml_ReadsThreeTaints()
    {
        byte[] json = TestFiles.YamlToJson(TestFiles.Text("k8s", "resourceslice-with-device-taints.yaml"));

        IReadOnlyList<DeviceTaintInfo> taints = KubernetesJson.ReadResourceSliceTaints(json);

        Assert.Equal(
            [
                new DeviceTaintInfo("gpu.nvidia.com", "gpu-node-b03", "gpu-1", "gpu.nvidia.com/xid", "48", TaintEffect.NoSchedule),
                new DeviceTaintInfo("gpu.nvidia.com", "gpu-node-b03", "gpu-2", "gpu.nvidia.com/xid", "13", TaintEffect.None),
                new DeviceTaintInfo("gpu.nvidia.com", "gpu-node-b03", "gpu-3", "gpu.nvidia.com/gpu-lost", "", TaintEffect.NoSchedule),
            ],
            taints);
        Assert.Equal("gpu.nvidia.com/gpu-node-b03/gpu-1", taints[0].DeviceId);
    }

    [Fact]
    public void ReadResourceSliceTaints_UnknownEffect_IsNone()
    {
        byte[] json = """{"spec":{"driver":"d","pool":{"name":"p"},"devices":[{"name":"g","taints":[{"key":"k","effect":"PreferLater"}]}]}}"""u8.ToArray();

        Assert.Equal(TaintEffect.None, Assert.Single(KubernetesJson.ReadResourceSliceTaints(json)).Effect);
    }

    [Fact]
    public void ReadPod_Malformed_ThrowsWithPosition()
    {
        DeviceHealthException ex = Assert.Throws<DeviceHealthException>(() => KubernetesJson.ReadPod("{\n  \"metadata\": [,\n}"u8.ToArray()));

        Assert.Equal(2, ex.Line);
        Assert.True(ex.Column > 0);
    }

    [Fact]
    public void ReadNode_FractionalExtendedResource_Throws()
    {
        byte[] json = """{"metadata":{"name":"n"},"status":{"capacity":{"nvidia.com/gpu":"1.5"}}}"""u8.ToArray();

        Assert.Throws<DeviceHealthException>(() => KubernetesJson.ReadNode(json));
    }
}
