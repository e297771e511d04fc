using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Machines;
using DeviceHealth.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeviceHealth.Nodes;

/// <summary>
/// The fleet-wide node device-pool controller: holds every node's <see cref="NodePoolState"/>, computes the
/// <see cref="FleetBudget"/> before each step (maxUnhealthy, pause requests, cluster upgrade, and a storm circuit breaker
/// over cordons in a sliding window with a cooldown), and applies <see cref="NodePoolMachine"/>. Because steps run one
/// at a time under a lock, the number of nodes in action never exceeds the budget.
/// </summary>
public sealed class NodePoolController
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NodePoolState> _nodes = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _cordons = new();
    private readonly HashSet<string> _pauseRequests = new(StringComparer.Ordinal);
    private readonly NodePoolMachine _machine;
    private readonly NodePoolOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ControllerCore<NodePoolState> _core;
    private DateTimeOffset _stormUntil = DateTimeOffset.MinValue;
    private bool _upgrading;
    private int _inAction;

    /// <summary>Creates the controller.</summary>
    /// <param name="options">Settings (null: defaults).</param>
    /// <param name="timeProvider">The clock (null: system).</param>
    /// <param name="logger">The logger (null: none).</param>
    /// <param name="metrics">The instruments (null: a shared private meter).</param>
    public NodePoolController(
        NodePoolOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<NodePoolController>? logger = null,
        DeviceHealthMetrics? metrics = null)
    {
        _options = options ?? new NodePoolOptions();
        _machine = new NodePoolMachine(_options);
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _core = new ControllerCore<NodePoolState>("node", logger, metrics);
    }

    /// <summary>Raised after every change of a node's state (or when intents were emitted).</summary>
    public event EventHandler<TransitionedEventArgs<NodePoolState>>? Transitioned;

    /// <summary>Nodes currently counting against the budget (ActionPending or Remediating).</summary>
    public int NodesInAction
    {
        get
        {
            lock (_lock)
            {
                return _inAction;
            }
        }
    }

    /// <summary>The most nodes allowed in action at once for the current fleet size.</summary>
    public int MaxInAction
    {
        get
        {
            lock (_lock)
            {
                return MaxInActionNeedsLock();
            }
        }
    }

    /// <summary>Whether a cluster upgrade is in progress (no new actions while true).</summary>
    public bool Upgrading
    {
        get
        {
            lock (_lock)
            {
                return _upgrading;
            }
        }

        set
        {
            lock (_lock)
            {
                _upgrading = value;
            }
        }
    }

    /// <summary>Adds a named pause request (NodeHealthCheck <c>pauseRequests</c>): no new actions while any exists.</summary>
    /// <param name="name">The request's name.</param>
    public void RequestPause(string name)
    {
        lock (_lock)
        {
            _pauseRequests.Add(name);
        }
    }

    /// <summary>Removes a pause request.</summary>
    /// <param name="name">The request's name.</param>
    public void ReleasePause(string name)
    {
        lock (_lock)
        {
            _pauseRequests.Remove(name);
        }
    }

    /// <summary>The state of a node (<see cref="NodePoolState.Initial"/> when never seen).</summary>
    /// <param name="nodeName">The node.</param>
    /// <returns>The state.</returns>
    public NodePoolState GetState(string nodeName)
    {
        lock (_lock)
        {
            return _nodes.TryGetValue(nodeName, out NodePoolState s) ? s : NodePoolState.Initial;
        }
    }

    /// <summary>Registers nodes so that the fleet size (for percentage budgets) is known before they report.</summary>
    /// <param name="nodeNames">The nodes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="nodeNames"/> is null.</exception>
    public void Register(IEnumerable<string> nodeNames)
    {
        ArgumentNullException.ThrowIfNull(nodeNames);
        lock (_lock)
        {
            foreach (string n in nodeNames)
            {
                _nodes.TryAdd(n, NodePoolState.Initial);
            }
        }
    }

    /// <summary>Applies one event at the clock's current time.</summary>
    /// <param name="evt">The event.</param>
    /// <returns>The intents to apply.</returns>
    /// <exception cref="ArgumentException">The event has no node name.</exception>
    public IReadOnlyList<ActionIntent> Process(NodePoolEvent evt)
    {
        ArgumentException.ThrowIfNullOrEmpty(evt.NodeName, nameof(evt));
        DateTimeOffset now = _time.GetUtcNow();
        NodePoolState from;
        MachineResult<NodePoolState> result;
        lock (_lock)
        {
            from = _nodes.TryGetValue(evt.NodeName, out NodePoolState s) ? s : NodePoolState.Initial;
            if (evt.Kind == NodePoolEventKind.Deleted)
            {
                // The node left the cluster: forget it, so it holds no budget slot and no longer counts in the fleet.
                result = _machine.Apply(from, evt, now, FleetBudget.Open);
                _nodes.Remove(evt.NodeName);
                _inAction -= from.InAction ? 1 : 0;
            }
            else
            {
                FleetBudget budget = BudgetNeedsLock(from, now);
                result = _machine.Apply(from, evt, now, budget);
                _nodes[evt.NodeName] = result.State;
                _inAction += (result.State.InAction ? 1 : 0) - (from.InAction ? 1 : 0);
                if (!from.InAction && result.State.Phase == NodePoolPhase.ActionPending)
                {
                    _cordons.Enqueue(now);
                }
            }
        }

        _core.Report(this, Transitioned, evt.NodeName, evt.Kind.ToString(), from, result.State,
            static s => s.Phase == NodePoolPhase.Blocked ? $"Blocked({s.BlockReason})" : s.Phase.ToString(), result.Actions, now);
        return result.Actions;
    }

    /// <summary>Sends a tick to every node.</summary>
    /// <returns>Every intent produced.</returns>
    public IReadOnlyList<ActionIntent> Tick()
    {
        string[] names;
        lock (_lock)
        {
            names = [.. _nodes.Keys];
        }

        List<ActionIntent> all = [];
        foreach (string n in names)
        {
            all.AddRange(Process(NodePoolEvent.Tick(n)));
        }

        return all;
    }

    private int MaxInActionNeedsLock()
    {
        int byPercent = (int)((long)_nodes.Count * _options.MaxUnhealthyPercent / 100);
        if (byPercent == 0 && _options.MaxUnhealthyPercent > 0)
        {
            byPercent = 1;
        }

        return Math.Min(byPercent, _options.MaxUnhealthyCount);
    }

    private FleetBudget BudgetNeedsLock(NodePoolState node, DateTimeOffset now)
    {
        if (node.InAction)
        {
            return FleetBudget.Open;
        }

        if (_pauseRequests.Count > 0)
        {
            return new FleetBudget(HoldReason.Paused);
        }

        if (_upgrading)
        {
            return new FleetBudget(HoldReason.Upgrading);
        }

        if (now < _stormUntil)
        {
            return new FleetBudget(HoldReason.StormCooldown);
        }

        if (_inAction >= MaxInActionNeedsLock())
        {
            return new FleetBudget(HoldReason.BudgetExhausted);
        }

        while (_cordons.Count > 0 && now - _cordons.Peek() > _options.BreakerWindow)
        {
            _cordons.Dequeue();
        }

        int limit = Math.Max(1, (int)((long)_nodes.Count * _options.BreakerPercent / 100));
        if (_cordons.Count + 1 > limit)
        {
            _stormUntil = now + _options.StormCooldown;
            Log.BreakerOpened(_logger, _cordons.Count, _stormUntil);
            return new FleetBudget(HoldReason.StormCooldown);
        }

        return FleetBudget.Open;
    }
}
