namespace DeviceHealth.Kubernetes.Tests.FakeApi;

/// <summary>A failure the fake API server reports as a <c>v1.Status</c> body with this code and reason.</summary>
internal sealed class FakeApiException(int code, string reason, string message) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;
}
