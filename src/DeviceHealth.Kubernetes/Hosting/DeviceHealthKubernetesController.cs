using System.Diagnostics.Metrics;
using DeviceHealth.Configuration;
using DeviceHealth.Inputs;
using DeviceHealth.Kubernetes.Applying;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Election;
using DeviceHealth.Pods;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DeviceHealth.Kubernetes.Hosting;

/// <summary>
/// DeviceHealth embedded in a Kubernetes controller: campaigns for the leader Lease and, while leading, watches nodes
/// and pods, feeds the core's node device-pool and pod-watcher machines, and applies their intents through a
/// <see cref="KubernetesActionApplier"/>. Each leadership term rebuilds the machines from the cluster's objects, so a
/// restarted or newly elected replica continues from what the cluster shows and never repeats a write.
/// </summary>
public sealed class DeviceHealthKubernetesController
{
    private readonly IKubernetes _client;
    private readonly DeviceHealthKubernetesOptions _options;
    private readonly DeviceHealthOptions _coreOptions;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly KubernetesMetrics _metrics;
    private readonly KubernetesActionApplier _applier;
    private readonly LeaseLeaderElector _elector;

    /// <summary>Creates the controller.</summary>
    /// <param name="client">The Kubernetes client.</param>
    /// <param name="options">The integration's options.</param>
    /// <param name="coreOptions">The state machines' options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggerFactory">Creates the loggers, or null for none.</param>
    /// <param name="meterFactory">Creates the <c>DeviceHealth.Kubernetes</c> meter, or null for a standalone meter.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    public DeviceHealthKubernetesController(
        IKubernetes client,
        IOptions<DeviceHealthKubernetesOptions> options,
        IOptions<DeviceHealthOptions> coreOptions,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null)
        : this(client, options?.Value!, coreOptions?.Value!, time, loggerFactory, new KubernetesMetrics(meterFactory))
    {
    }

    internal DeviceHealthKubernetesController(
        IKubernetes client,
        DeviceHealthKubernetesOptions options,
        DeviceHealthOptions coreOptions,
        TimeProvider time,
        ILoggerFactory? loggerFactory,
        KubernetesMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(coreOptions);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _options = options;
        _coreOptions = coreOptions;
        _time = time;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _metrics = metrics;
        _applier = new KubernetesActionApplier(
            client,
            options,
            time,
            _loggerFactory.CreateLogger<KubernetesActionApplier>(),
            metrics);
        _elector = new LeaseLeaderElector(
            client,
            options,
            time,
            _loggerFactory.CreateLogger<LeaseLeaderElector>(),
            metrics);
    }

    /// <summary>Raised after each intent was applied or deliberately not written (on the processing loop).</summary>
    public event EventHandler<ActionCompletedEventArgs>? ActionCompleted;

    /// <summary>True while this replica leads and acts.</summary>
    public bool IsLeader => _elector.IsLeader;

    /// <summary>
    /// Optional source of the verdict over a pod's bound devices, for controllers that also feed the core's device
    /// machines (XIDs, DCGM) from node agents, for example through <c>DeviceVerdict.From(states)</c>. It is called on
    /// the processing loop for every pod change and must be fast and must not throw. When null (the default) the
    /// verdict is <see cref="DeviceVerdict.Healthy"/> and the pod's own KEP-4680 <c>allocatedResourcesStatus</c> is
    /// the only device signal.
    /// </summary>
    public Func<PodSnapshot, DeviceVerdict>? DeviceVerdicts { get; set; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; only the leader watches and acts.</summary>
    /// <param name="cancellationToken">Stops the controller; a held Lease is released.</param>
    /// <returns>A task that completes when the controller has stopped.</returns>
    public Task RunAsync(CancellationToken cancellationToken) => _elector.RunAsync(LeadAsync, cancellationToken);

    private Task LeadAsync(CancellationToken cancellationToken)
    {
        var session = new LeaderSession(
            _client,
            _options,
            _coreOptions,
            _time,
            _loggerFactory,
            _metrics,
            _applier,
            e => ActionCompleted?.Invoke(this, e),
            pod => DeviceVerdicts?.Invoke(pod) ?? DeviceVerdict.Healthy);
        return session.RunAsync(cancellationToken);
    }
}
