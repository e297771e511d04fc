using System.Threading.Channels;
using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Inputs;
using DeviceHealth.Kubernetes.Applying;
using DeviceHealth.Kubernetes.Configuration;
using DeviceHealth.Kubernetes.Diagnostics;
using DeviceHealth.Kubernetes.Translation;
using DeviceHealth.Kubernetes.Watching;
using DeviceHealth.Nodes;
using DeviceHealth.Pods;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DeviceHealth.Kubernetes.Hosting;

/// <summary>
/// One leadership term: fresh core machines rebuilt from the cluster's current objects, the node and pod watches, a
/// ticker, and a single processing loop that feeds the machines one change at a time and applies their intents in
/// order. Nothing carries over from an earlier term except what is written in the cluster.
/// </summary>
internal sealed class LeaderSession
{
    private const int MaxSettledKeys = 16_384;

    private readonly IKubernetes _client;
    private readonly DeviceHealthKubernetesOptions _options;
    private readonly DeviceHealthOptions _coreOptions;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly KubernetesMetrics _metrics;
    private readonly KubernetesActionApplier _applier;
    private readonly Action<ActionCompletedEventArgs> _completed;
    private readonly Func<PodSnapshot, DeviceVerdict> _verdicts;
    private readonly Channel<Work> _work =
        Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NodePoolController _nodes;
    private readonly PodWatcherController _pods;
    private readonly HashSet<string> _settledKeys = new(StringComparer.Ordinal);
    private readonly List<V1Node> _unsyncedNodes = [];
    private bool _nodesSynced;

    public LeaderSession(
        IKubernetes client,
        DeviceHealthKubernetesOptions options,
        DeviceHealthOptions coreOptions,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        KubernetesMetrics metrics,
        KubernetesActionApplier applier,
        Action<ActionCompletedEventArgs> completed,
        Func<PodSnapshot, DeviceVerdict> verdicts)
    {
        _client = client;
        _options = options;
        _coreOptions = coreOptions;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LeaderSession>();
        _metrics = metrics;
        _applier = applier;
        _completed = completed;
        _verdicts = verdicts;
        _nodes = new NodePoolController(coreOptions.Node, time, loggerFactory.CreateLogger<NodePoolController>());
        _pods = new PodWatcherController(coreOptions.Pod, time, loggerFactory.CreateLogger<PodWatcherController>());
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var nodeWatcher = new ResourceWatcher<V1Node, V1NodeList>(
            "nodes",
            ClusterEndpoints.Nodes(_client, _options.NodeLabelSelector),
            _options,
            _time,
            _loggerFactory.CreateLogger<ResourceWatcher<V1Node, V1NodeList>>(),
            _metrics);
        var podWatcher = new ResourceWatcher<V1Pod, V1PodList>(
            "pods",
            ClusterEndpoints.Pods(_client),
            _options,
            _time,
            _loggerFactory.CreateLogger<ResourceWatcher<V1Pod, V1PodList>>(),
            _metrics);

        Task[] loops =
        [
            nodeWatcher.RunAsync((c, ct) => _work.Writer.WriteAsync(Work.Node(c), ct), stop.Token),
            podWatcher.RunAsync((c, ct) => _work.Writer.WriteAsync(Work.Pod(c), ct), stop.Token),
            TickAsync(stop.Token),
            ProcessAsync(stop.Token),
        ];

        try
        {
            // Any loop ending (only by cancellation or a fault) ends the term.
            await Task.WhenAny(loops).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(loops).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The term ended.
            }
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_options.TickInterval, _time, cancellationToken).ConfigureAwait(false);
            await _work.Writer.WriteAsync(Work.Tick, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(CancellationToken cancellationToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<ActionIntent> intents;
            try
            {
                intents = work.Kind switch
                {
                    WorkKind.Node => OnNode(work.NodeChange),
                    WorkKind.Pod => OnPod(work.PodChange),
                    _ => OnTick(),
                };
            }
            catch (ArgumentException ex)
            {
                // A machine refused an input it considers malformed: skip that object, keep serving the rest.
                Log.ObjectIgnored(_logger, work.Kind.ToString(), ex.ParamName ?? "", ex.Message);
                continue;
            }

            foreach (var intent in intents)
            {
                await ApplyAsync(intent, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private List<ActionIntent> OnNode(ResourceChange<V1Node> change)
    {
        var intents = new List<ActionIntent>();
        switch (change.Kind)
        {
            case ResourceChangeKind.Upserted when !_nodesSynced:
                // Hold the initial list back until it is complete, so that the fleet size (percentage budgets)
                // is known before the first node is judged.
                _unsyncedNodes.Add(change.Object!);
                break;

            case ResourceChangeKind.Upserted:
                Observe(change.Object!, intents);
                break;

            case ResourceChangeKind.Synced when !_nodesSynced:
                _nodesSynced = true;
                _nodes.Register(_unsyncedNodes.Select(n => n.Metadata?.Name ?? "").Where(n => n.Length > 0));
                foreach (var node in _unsyncedNodes)
                {
                    Observe(node, intents);
                }

                _unsyncedNodes.Clear();
                break;

            case ResourceChangeKind.Deleted when !_nodesSynced:
                _unsyncedNodes.RemoveAll(n => n.Metadata?.Name == change.Object?.Metadata?.Name);
                break;

            case ResourceChangeKind.Deleted:
                // The node left the cluster: it no longer counts in the fleet size nor holds a budget slot.
                string? name = change.Object?.Metadata?.Name;
                if (!string.IsNullOrEmpty(name))
                {
                    intents.AddRange(_nodes.Process(NodePoolEvent.Deleted(name)));
                }

                break;
        }

        return intents;
    }

    private void Observe(V1Node node, List<ActionIntent> intents)
    {
        var snapshot = SnapshotTranslator.ToNodeSnapshot(node, _time.GetUtcNow());
        if (snapshot.Name.Length == 0)
        {
            Log.ObjectIgnored(_logger, "node", "", "it has no name");
            return;
        }

        // A node DeviceHealth already cordoned continues its recorded episode, so a restarted controller emits the
        // same idempotency keys as the one that cordoned it.
        var evt = NodePoolEvent.FromSnapshot(snapshot, _coreOptions.Node.ResourceName) with
        {
            EpisodeStart = RecoverEpisodeStart(node, snapshot),
        };
        intents.AddRange(_nodes.Process(evt));
    }

    /// <summary>
    /// The episode recorded in the cluster: the ticks of the newest cordon key in the node's ledger, or else the
    /// <c>lastTransitionTime</c> of DeviceHealth's node condition when it is True (whole seconds only, so the keys
    /// then match the first controller's only if its episode began on a whole second).
    /// </summary>
    private DateTimeOffset? RecoverEpisodeStart(V1Node node, NodeSnapshot snapshot)
    {
        if (!snapshot.CordonedByDeviceHealth)
        {
            return null;
        }

        var fromLedger = NodeLedger.RecoverEpisodeStart(node.Metadata?.Annotations, snapshot.Name);
        if (fromLedger is not null)
        {
            return fromLedger;
        }

        foreach (var condition in snapshot.Conditions)
        {
            if (condition.Type == _coreOptions.Node.ConditionType && condition.Status == ConditionStatus.True
                && condition.LastTransitionTime != DateTimeOffset.MinValue)
            {
                return condition.LastTransitionTime;
            }
        }

        return null;
    }

    private IReadOnlyList<ActionIntent> OnPod(ResourceChange<V1Pod> change)
    {
        if (change.Object is null)
        {
            return [];
        }

        PodSnapshot snapshot = SnapshotTranslator.ToPodSnapshot(change.Object, _time.GetUtcNow());
        if (snapshot.Name.Length == 0 || snapshot.Namespace.Length == 0 || snapshot.Uid.Length == 0)
        {
            Log.ObjectIgnored(_logger, "pod", snapshot.Name, "it has no namespace, name or UID");
            return [];
        }

        var kind = change.Kind == ResourceChangeKind.Deleted ? PodWatchEventKind.Deleted : PodWatchEventKind.Observed;

        // Device verdicts come from node agents through the embedding controller; from the API server alone the
        // pod's KEP-4680 status is the signal.
        var verdict = kind == PodWatchEventKind.Deleted ? DeviceVerdict.Healthy : _verdicts(snapshot);
        return _pods.Process(new PodWatchEvent(kind, snapshot, verdict));
    }

    private List<ActionIntent> OnTick()
    {
        var intents = new List<ActionIntent>();
        if (_nodesSynced)
        {
            intents.AddRange(_nodes.Tick());
        }

        intents.AddRange(_pods.Tick());
        return intents;
    }

    private async Task ApplyAsync(ActionIntent intent, CancellationToken cancellationToken)
    {
        // Replays and ticks re-emit the same keys; a key settled in this term is not sent again.
        if (_settledKeys.Contains(intent.IdempotencyKey))
        {
            return;
        }

        var result = await _applier.ApplyAsync(intent, cancellationToken).ConfigureAwait(false);
        if (result.Outcome is ActionOutcome.Applied or ActionOutcome.AlreadyApplied or ActionOutcome.Skipped)
        {
            // Forgetting is safe (the applier recognises applied intents by ledger, state or UID); it bounds memory.
            if (_settledKeys.Count >= MaxSettledKeys)
            {
                _settledKeys.Clear();
            }

            _settledKeys.Add(intent.IdempotencyKey);
        }

        _completed(new ActionCompletedEventArgs(intent, result, _time.GetUtcNow()));
    }

    private enum WorkKind
    {
        Node,
        Pod,
        Tick,
    }

    private readonly record struct Work(WorkKind Kind, ResourceChange<V1Node> NodeChange, ResourceChange<V1Pod> PodChange)
    {
        public static Work Tick => new(WorkKind.Tick, default, default);

        public static Work Node(ResourceChange<V1Node> change) => new(WorkKind.Node, change, default);

        public static Work Pod(ResourceChange<V1Pod> change) => new(WorkKind.Pod, default, change);
    }
}
