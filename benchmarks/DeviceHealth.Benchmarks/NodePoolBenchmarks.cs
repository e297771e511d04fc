using BenchmarkDotNet.Attributes;
using DeviceHealth.Machines;
using DeviceHealth.Nodes;

namespace DeviceHealth.Benchmarks;

/// <summary>
/// Snapshots and ticks for the 12,500 nodes of 100,000 devices through the pure node machine (per event), against a
/// hand-written baseline that only compares capacity and allocatable (the floor any controller pays).
/// </summary>
[MemoryDiagnoser]
public class NodePoolBenchmarks
{
    private const int Nodes = 12_500;
    private const int Events = 500_000;
    private NodePoolEvent[] _events = [];
    private int[] _node = [];
    private NodePoolState[] _states = [];
    private int[] _gaps = [];
    private readonly NodePoolMachine _machine = new();
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        Random random = new(7);
        string[] names = [.. Enumerable.Range(0, Nodes).Select(i => $"node-{i:D5}")];
        _events = new NodePoolEvent[Events];
        _node = new int[Events];
        for (int i = 0; i < Events; i++)
        {
            int n = random.Next(Nodes);
            _node[i] = n;
            int gap = random.Next(100) < 3 ? 1 : 0;
            _events[i] = random.Next(4) == 0
                ? NodePoolEvent.Tick(names[n])
                : new NodePoolEvent(NodePoolEventKind.Snapshot, names[n], 8, 8 - gap, gap);
        }

        _states = [.. Enumerable.Repeat(NodePoolState.Initial, Nodes)];
        _gaps = new int[Nodes];
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int NodePoolReducer()
    {
        int actions = 0;
        for (int i = 0; i < _events.Length; i++)
        {
            int n = _node[i];
            MachineResult<NodePoolState> r = _machine.Apply(_states[n], _events[i], s_t0.AddSeconds(i), FleetBudget.Open);
            _states[n] = r.State;
            actions += r.Actions.Count;
        }

        return actions;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public int GapCompareOnly()
    {
        int changes = 0;
        for (int i = 0; i < _events.Length; i++)
        {
            NodePoolEvent e = _events[i];
            if (e.Kind == NodePoolEventKind.Snapshot)
            {
                int gap = (int)(e.Capacity - e.Allocatable);
                changes += gap != _gaps[_node[i]] ? 1 : 0;
                _gaps[_node[i]] = gap;
            }
        }

        return changes;
    }
}

// Results (same run and command as DeviceMachineBenchmarks):
// | Method          | Mean      | Error      | StdDev    | Ratio | Allocated |
// | NodePoolReducer | 81.330 ns | 151.249 ns | 8.2905 ns | 12.04 |       4 B |
// | GapCompareOnly  |  6.791 ns |  10.898 ns | 0.5974 ns |  1.00 |         - |
// (about 12 million node events/s; the baseline only compares two numbers)
