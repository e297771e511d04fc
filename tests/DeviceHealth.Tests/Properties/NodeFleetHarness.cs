using DeviceHealth.Actions;
using DeviceHealth.Configuration;
using DeviceHealth.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Tests.Properties;

/// <summary>
/// Drives a <see cref="NodePoolController"/> from a generated script and plays a well-behaved integrator: cordons it
/// asked for are applied (and reported back as owned); administrators cordon and uncordon nodes of their own.
/// </summary>
internal sealed class NodeFleetHarness
{
    public readonly FakeTimeProvider Time = new(DeviceScript.T0);
    public readonly NodePoolController Controller;
    public readonly NodePoolOptions Options;
    public readonly int Nodes;
    public readonly List<(DateTimeOffset At, string Step, ActionIntent Action)> Log = [];
    public readonly List<string> Violations = [];
    private readonly bool[] _ourCordon;
    private readonly bool[] _adminCordon;
    private readonly int[] _gap;
    private bool _paused;

    public NodeFleetHarness(int nodes, int maxUnhealthyPercent, int breakerPercent)
    {
        Nodes = nodes;
        Options = new NodePoolOptions
        {
            MaxUnhealthyPercent = maxUnhealthyPercent,
            BreakerPercent = breakerPercent,
            GracePeriod = TimeSpan.FromMinutes(5),
        };
        Controller = new NodePoolController(Options, Time);
        Controller.Register(Enumerable.Range(0, nodes).Select(Name));
        _ourCordon = new bool[nodes];
        _adminCordon = new bool[nodes];
        _gap = new int[nodes];
    }

    public static string Name(int i) => $"node-{i}";

    public bool Paused => _paused || Controller.Upgrading;

    public void Run(int[] script)
    {
        foreach (int raw in script ?? [])
        {
            uint v = (uint)raw;
            int node = (int)(v % (uint)Nodes);
            uint op = (v / 16) % 12;
            uint step = (v / 256) % 5;
            Time.Advance(step switch
            {
                0 => TimeSpan.Zero,
                1 => TimeSpan.FromSeconds(30),
                2 => TimeSpan.FromMinutes(3),
                3 => TimeSpan.FromMinutes(6),
                _ => TimeSpan.FromMinutes(16),
            });
            Step(node, op);
        }
    }

    public void Step(int node, uint op)
    {
        switch (op)
        {
            case 0 or 1 or 2:
                _gap[node] = (int)op;
                Snapshot(node, consistent: true);
                break;
            case 3:
                Snapshot(node, consistent: false);
                break;
            case 4:
                Apply("tick", Controller.Tick());
                break;
            case 5:
                Apply("failed", Controller.Process(new NodePoolEvent(NodePoolEventKind.RemediationFailed, Name(node))));
                break;
            case 6:
                if (!_ourCordon[node])
                {
                    _adminCordon[node] = !_adminCordon[node];
                }

                Snapshot(node, consistent: true);
                break;
            case 7:
                _paused = !_paused;
                if (_paused)
                {
                    Controller.RequestPause("p");
                }
                else
                {
                    Controller.ReleasePause("p");
                }

                break;
            case 8:
                Controller.Upgrading = !Controller.Upgrading;
                break;
            case 9:
                Apply("confirm", Controller.Process(new NodePoolEvent(NodePoolEventKind.ManualConfirmHealthy, Name(node))));
                break;
            default:
                Apply("tick", Controller.Tick());
                break;
        }
    }

    public void Snapshot(int node, bool consistent)
    {
        // Capacity 8; when consistent, the unhealthy count matches the gap exactly.
        int unhealthy = consistent ? _gap[node] : _gap[node] + 1;
        NodePoolEvent e = new(NodePoolEventKind.Snapshot, Name(node), 8, 8 - _gap[node], unhealthy,
            _ourCordon[node] || _adminCordon[node], _ourCordon[node]);
        IReadOnlyList<ActionIntent> actions = Controller.Process(e);
        if (!consistent && actions.Count > 0)
        {
            Violations.Add($"inconsistent snapshot of {Name(node)} produced {actions.Count} action(s)");
        }

        Apply(consistent ? "snapshot" : "inconsistent", actions);
    }

    private void Apply(string step, IReadOnlyList<ActionIntent> actions)
    {
        foreach (ActionIntent a in actions)
        {
            Log.Add((Time.GetUtcNow(), step, a));
            switch (a)
            {
                case CordonNode c:
                    if (Paused)
                    {
                        Violations.Add($"cordon of {c.NodeName} while paused or upgrading");
                    }

                    int i = Index(c.NodeName);
                    if (_adminCordon[i])
                    {
                        Violations.Add($"cordon of administrator-cordoned {c.NodeName}");
                    }

                    _ourCordon[i] = true;
                    break;
                case UncordonNode u:
                    int j = Index(u.NodeName);
                    if (!_ourCordon[j])
                    {
                        Violations.Add($"uncordon of {u.NodeName}, which DeviceHealth did not cordon");
                    }

                    _ourCordon[j] = false;
                    break;
            }
        }

        if (Controller.NodesInAction > Controller.MaxInAction)
        {
            Violations.Add($"{Controller.NodesInAction} nodes in action, budget {Controller.MaxInAction}");
        }
    }

    private static int Index(string name) => int.Parse(name.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
}
