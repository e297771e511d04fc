using System.ComponentModel.DataAnnotations;

namespace DeviceHealth.Kubernetes.Configuration;

/// <summary>Settings of the Kubernetes integration: watches, retries, leader election and how actions are written.</summary>
public sealed class DeviceHealthKubernetesOptions
{
    /// <summary>A label selector restricting the watched nodes, for example <c>nvidia.com/gpu.present=true</c>.</summary>
    /// <value>Default empty: every node.</value>
    public string NodeLabelSelector { get; set; } = "";

    /// <summary>The server-side lifetime of one watch request (<c>timeoutSeconds</c>); the watch is then resumed.</summary>
    /// <value>Default 5 minutes; whole seconds from 1 second to 1 hour.</value>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long past <see cref="WatchTimeout"/> the client waits for the server to end a silent watch before it
    /// abandons the connection itself.
    /// </summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan WatchGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The timeout of each non-watch request (get, patch, delete, eviction, lease).</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first delay before reconnecting a failed list or watch; it doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    /// <value>Default 200 milliseconds.</value>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between reconnection attempts.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a node write that lost an optimistic-concurrency race (409) is retried.</summary>
    /// <value>Default 5.</value>
    [Range(0, 100)]
    public int ConflictRetries { get; set; } = 5;

    /// <summary>How many applied idempotency keys each node's ledger annotation keeps (oldest dropped first).</summary>
    /// <value>Default 64.</value>
    [Range(1, 1024)]
    public int LedgerCapacity { get; set; } = 64;

    /// <summary>Log and count every action as skipped instead of writing it (NVSentinel's STORE_ONLY).</summary>
    /// <value>Default false.</value>
    public bool DryRun { get; set; }

    /// <summary>The namespace of the leader-election Lease.</summary>
    /// <value>Default <c>kube-system</c>.</value>
    [Required]
    public string LeaseNamespace { get; set; } = "kube-system";

    /// <summary>The name of the leader-election Lease.</summary>
    /// <value>Default <c>devicehealth-controller</c>.</value>
    [Required]
    public string LeaseName { get; set; } = "devicehealth-controller";

    /// <summary>This replica's identity in the Lease, unique per replica (for example the pod name).</summary>
    /// <value>Default the machine name.</value>
    [Required]
    public string Identity { get; set; } = Environment.MachineName;

    /// <summary>How long a Lease holder is trusted without a renewal (<c>leaseDurationSeconds</c>).</summary>
    /// <value>Default 15 seconds.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps acting without a successful renewal before it steps down.</summary>
    /// <value>Default 10 seconds; must be below <see cref="LeaseDuration"/>.</value>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The interval between acquire and renew attempts.</summary>
    /// <value>Default 2 seconds; must be below <see cref="RenewDeadline"/>.</value>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the controller re-evaluates its machines without a new event (timers, deadlines).</summary>
    /// <value>Default 10 seconds.</value>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(10);
}
