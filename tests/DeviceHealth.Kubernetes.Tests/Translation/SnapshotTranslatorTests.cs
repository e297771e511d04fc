using DeviceHealth.Actions;
using DeviceHealth.Inputs;
using DeviceHealth.Kubernetes.Translation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using k8s;
using k8s.Models;

namespace DeviceHealth.Kubernetes.Tests.Translation;

public sealed class SnapshotTranslatorTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToNodeSnapshot_SharedGpuNode_CarriesExtendedResourcesTaintsAndConditions()
    {
        var node = Load<V1Node>("node-gpu-capacity-8-allocatable-7.json");

        var snapshot = SnapshotTranslator.ToNodeSnapshot(node, s_now);

        Assert.Equal("gpu-node-a17", snapshot.Name);
        Assert.Equal(new Dictionary<string, long> { ["nvidia.com/gpu"] = 8 }, snapshot.Capacity);
        Assert.Equal(new Dictionary<string, long> { ["nvidia.com/gpu"] = 7 }, snapshot.Allocatable);
        Assert.False(snapshot.Unschedulable);
        Assert.False(snapshot.CordonedByDeviceHealth);
        Assert.Equal([new NodeTaint("nvidia.com/gpu", "present", TaintEffect.NoSchedule)], snapshot.Taints);
        Assert.Equal(2, snapshot.Conditions.Count);
        var xid = snapshot.Conditions[1];
        Assert.Equal("GpuXidFatal", xid.Type);
        Assert.Equal(ConditionStatus.True, xid.Status);
        Assert.Equal("XID79", xid.Reason);
        Assert.Equal(new DateTimeOffset(2025, 7, 14, 8, 12, 38, TimeSpan.Zero), xid.LastTransitionTime);
        Assert.Equal(s_now, snapshot.ObservedAt);
    }

    [Fact]
    public void ToNodeSnapshot_CordonWithOwnerAnnotation_IsCordonedByDeviceHealth()
    {
        var node = Load<V1Node>("node-gpu-capacity-8-allocatable-7.json");
        node.Spec.Unschedulable = true;
        node.Metadata.Annotations = new Dictionary<string, string> { [ActionIntent.OwnerAnnotation] = ActionIntent.OwnerValue };

        var snapshot = SnapshotTranslator.ToNodeSnapshot(node, s_now);

        Assert.True(snapshot.Unschedulable);
        Assert.True(snapshot.CordonedByDeviceHealth);
    }

    [Fact]
    public void ToPodSnapshot_SharedCrashLoopPod_CarriesOwnerExitCodesAndResourceHealth()
    {
        var pod = Load<V1Pod>("pod-crashloop-on-unhealthy-gpu.json");

        var snapshot = SnapshotTranslator.ToPodSnapshot(pod, s_now);

        Assert.Equal(("serving", "inference-7d9c6b5f4-x2k8p", "gpu-node-a17"), (snapshot.Namespace, snapshot.Name, snapshot.NodeName));
        Assert.Equal(PodPhase.Running, snapshot.Phase);
        Assert.Equal("Always", snapshot.RestartPolicy);
        Assert.Equal(
            new OwnerReference("ReplicaSet", "inference-7d9c6b5f4", "5b0c6f0e-3f61-4c2a-9d8e-0a1b2c3d4e5f", true),
            snapshot.Controller);
        var container = Assert.Single(snapshot.ContainerStatuses);
        Assert.Equal(("server", 7, "CrashLoopBackOff"), (container.Name, container.RestartCount, container.WaitingReason));
        Assert.Null(container.ExitCode);
        Assert.Equal(139, container.LastExitCode);
        var status = Assert.Single(container.AllocatedResourcesStatus);
        Assert.Equal("nvidia.com/gpu", status.Name);
        Assert.Equal(
            [new ResourceHealth("GPU-efbdfde9-5798-a6e7-4c46-12518fa15375", ResourceHealthState.Unhealthy, "XidCriticalError: Xid=79")],
            status.Resources);
    }

    [Fact]
    public void ToPodSnapshot_SharedDraPod_IsBareWithThreeHealthStates()
    {
        var pod = Load<V1Pod>("pod-dra-claim-health-unknown.json");

        var snapshot = SnapshotTranslator.ToPodSnapshot(pod, s_now);

        Assert.Null(snapshot.Controller);
        Assert.Equal("Never", snapshot.RestartPolicy);
        var status = Assert.Single(Assert.Single(snapshot.ContainerStatuses).AllocatedResourcesStatus);
        Assert.Equal("claim:gpus/gpu", status.Name);
        Assert.Equal(
            [ResourceHealthState.Healthy, ResourceHealthState.Unhealthy, ResourceHealthState.Unknown],
            status.Resources.Select(r => r.Health));
        Assert.Equal("gpu.nvidia.com/gpu-node-b03/gpu-1", status.Resources[1].ResourceId);
    }

    [Fact]
    public void ToPodSnapshot_RealKubeletStatus_ReadsHealthyResource()
    {
        var status = KubernetesJson.Deserialize<V1PodStatus>(Read("real__ihcsim-kubelet-plugin__pod-status.json"));
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "default", Uid = "u" }, Status = status };

        var snapshot = SnapshotTranslator.ToPodSnapshot(pod, s_now);

        var container = Assert.Single(snapshot.ContainerStatuses);
        Assert.Equal("busybox", container.Name);
        var resource = Assert.Single(Assert.Single(container.AllocatedResourcesStatus).Resources);
        Assert.Equal(new ResourceHealth("crand1", ResourceHealthState.Healthy, ""), resource);
        Assert.Equal(5, snapshot.Conditions.Count);
        Assert.All(snapshot.Conditions, c => Assert.Equal(ConditionStatus.True, c.Status));
    }

    [Theory]
    [InlineData("nvidia.com/gpu", true)]
    [InlineData("amd.com/gpu", true)]
    [InlineData("example.com/foo-bar", true)]
    [InlineData("cpu", false)]
    [InlineData("hugepages-2Mi", false)]
    [InlineData("kubernetes.io/batch", false)]
    [InlineData("node.kubernetes.io/thing", false)]
    [InlineData("/gpu", false)]
    [InlineData("nvidia.com/", false)]
    public void IsExtendedResource_Name_MatchesKubernetesDefinition(string name, bool expected) =>
        Assert.Equal(expected, SnapshotTranslator.IsExtendedResource(name));

    [Theory]
    [InlineData("8", 8L)]
    [InlineData("0", 0L)]
    [InlineData("2k", 2000L)]
    [InlineData("3M", 3_000_000L)]
    public void TryParseCount_WholeCount_Parses(string text, long expected)
    {
        Assert.True(SnapshotTranslator.TryParseCount(text, out long count));
        Assert.Equal(expected, count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("500m")]
    [InlineData("1Ki")]
    [InlineData("99999999999G")]
    public void TryParseCount_NotAWholeCount_IsRejected(string text) =>
        Assert.False(SnapshotTranslator.TryParseCount(text, out _));

    [Property]
    public Property TryParseCount_AnyNonNegativeLong_RoundTrips(NonNegativeInt high, NonNegativeInt low)
    {
        long value = ((long)high.Get << 31) | (uint)low.Get;
        bool ok = SnapshotTranslator.TryParseCount(value.ToString(System.Globalization.CultureInfo.InvariantCulture), out long parsed);
        return (ok && parsed == value).Label($"value={value} parsed={parsed}");
    }

    [Property]
    public Property ToNodeSnapshot_AnyCounts_CopiesExtendedResourcesAndDropsCoreOnes(NonNegativeInt capacity, NonNegativeInt allocatable)
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "n" },
            Status = new V1NodeStatus
            {
                Capacity = new Dictionary<string, ResourceQuantity>
                {
                    ["nvidia.com/gpu"] = new(capacity.Get.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ["cpu"] = new("64"),
                },
                Allocatable = new Dictionary<string, ResourceQuantity>
                {
                    ["nvidia.com/gpu"] = new(allocatable.Get.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ["memory"] = new("1Gi"),
                },
            },
        };

        var snapshot = SnapshotTranslator.ToNodeSnapshot(node, s_now);

        return (snapshot.Capacity.Count == 1 && snapshot.Capacity["nvidia.com/gpu"] == capacity.Get
                && snapshot.Allocatable.Count == 1 && snapshot.Allocatable["nvidia.com/gpu"] == allocatable.Get)
            .Label($"capacity={capacity.Get} allocatable={allocatable.Get}");
    }

    private static T Load<T>(string file) => KubernetesJson.Deserialize<T>(Read(file));

    private static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file));
}
