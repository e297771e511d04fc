namespace LinuxMemory.Planning;

/// <summary>A concrete setting to change, why, and what it costs.</summary>
/// <param name="Setting">The sysctl or kubelet setting (for example <c>vm.min_free_kbytes</c>).</param>
/// <param name="Current">The current value.</param>
/// <param name="Proposed">The proposed value.</param>
/// <param name="Reason">Why.</param>
public readonly record struct Recommendation(string Setting, string Current, string Proposed, string Reason);
