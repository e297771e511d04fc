namespace DeviceHealth.Inputs;

/// <summary>One entry of KEP-4680 <c>allocatedResourcesStatus</c>.</summary>
/// <param name="Name">The extended resource name (<c>nvidia.com/gpu</c>) or <c>claim:&lt;claim&gt;/&lt;request&gt;</c>.</param>
/// <param name="Resources">The per-device health.</param>
public sealed record ResourceStatus(string Name, IReadOnlyList<ResourceHealth> Resources);
