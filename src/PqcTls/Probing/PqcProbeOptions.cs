namespace PqcTls.Probing;

/// <summary>Settings of <see cref="PqcProbe"/>.</summary>
public sealed class PqcProbeOptions
{
    /// <summary>Gets or sets the host name for server_name, or <see langword="null"/> for none.</summary>
    public string? ServerName { get; set; }

    /// <summary>Gets or sets the time allowed for each network step. Default 5 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets a value that tells whether to run the fragmentation cases. Default <see langword="true"/>.
    /// </summary>
    public bool TestFragmentation { get; set; } = true;

    /// <summary>
    /// Gets or sets a value that tells whether to run every fragmentation offset (slow) instead of the sampled set.
    /// </summary>
    public bool FullFragmentation { get; set; }

    /// <summary>Gets or sets the clock for timeouts and pauses. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
