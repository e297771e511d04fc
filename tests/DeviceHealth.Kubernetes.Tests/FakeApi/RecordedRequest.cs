namespace DeviceHealth.Kubernetes.Tests.FakeApi;

/// <summary>A request the fake API server received, for assertions on what the client sent.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType, string Body);
