namespace DeviceHealth.Actions;

/// <summary>A Kubernetes condition status.</summary>
public enum ConditionStatus
{
    /// <summary>The condition holds.</summary>
    True,

    /// <summary>The condition does not hold.</summary>
    False,

    /// <summary>Not known.</summary>
    Unknown,
}
