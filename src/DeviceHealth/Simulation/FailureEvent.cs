namespace DeviceHealth.Simulation;

/// <summary>One generated failure.</summary>
/// <param name="Hours">When, in hours from the start.</param>
/// <param name="Node">The node index.</param>
/// <param name="Gpu">The GPU index on the node.</param>
/// <param name="Category">Index into the category list.</param>
public readonly record struct FailureEvent(double Hours, int Node, int Gpu, int Category);
