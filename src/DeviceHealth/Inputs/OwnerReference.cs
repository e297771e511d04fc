namespace DeviceHealth.Inputs;

/// <summary>An owner reference.</summary>
/// <param name="Kind">The owner's kind, for example <c>ReplicaSet</c>, <c>StatefulSet</c>, <c>Job</c>.</param>
/// <param name="Name">The owner's name.</param>
/// <param name="Uid">The owner's UID.</param>
/// <param name="Controller">The <c>controller</c> flag.</param>
public readonly record struct OwnerReference(string Kind, string Name, string Uid, bool Controller);
