using DeviceHealth.Actions;

namespace DeviceHealth.Inputs;

/// <summary>A node taint as observed.</summary>
/// <param name="Key">The taint key.</param>
/// <param name="Value">The taint value (empty when absent).</param>
/// <param name="Effect">The effect.</param>
public readonly record struct NodeTaint(string Key, string Value, TaintEffect Effect);
