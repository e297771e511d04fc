using System.Text.Json.Nodes;

namespace DeviceHealth.Kubernetes.Tests;

/// <summary>Objects for the fake API server: the shared test data, and small builders.</summary>
internal static class TestObjects
{
    public static JsonObject Load(string file) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file)))!;

    /// <summary>The shared GPU node (capacity 8, allocatable 7), optionally renamed.</summary>
    public static JsonObject GpuNode(string? name = null)
    {
        var node = Load("node-gpu-capacity-8-allocatable-7.json");
        if (name is not null)
        {
            node["metadata"]!["name"] = name;
        }

        return node;
    }

    /// <summary>The shared crash-looping ReplicaSet pod, optionally renamed and moved to another node.</summary>
    public static JsonObject CrashLoopPod(string? name = null, string? nodeName = null)
    {
        var pod = Load("pod-crashloop-on-unhealthy-gpu.json");
        if (name is not null)
        {
            pod["metadata"]!["name"] = name;
        }

        if (nodeName is not null)
        {
            pod["spec"]!["nodeName"] = nodeName;
        }

        return pod;
    }

    public static JsonObject Node(string name, int capacity, int allocatable) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["gpu"] = "true" } },
        ["spec"] = new JsonObject(),
        ["status"] = new JsonObject
        {
            ["capacity"] = new JsonObject { ["cpu"] = "64", ["nvidia.com/gpu"] = $"{capacity}" },
            ["allocatable"] = new JsonObject { ["cpu"] = "63", ["nvidia.com/gpu"] = $"{allocatable}" },
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady" }),
        },
    };
}
