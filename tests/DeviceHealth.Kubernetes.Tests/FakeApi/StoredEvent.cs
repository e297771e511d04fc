using System.Text.Json.Nodes;

namespace DeviceHealth.Kubernetes.Tests.FakeApi;

/// <summary>One entry of the fake server's change log, which watches are served from.</summary>
internal sealed record StoredEvent(long ResourceVersion, string Resource, string? Namespace, string Type, JsonObject Object);
