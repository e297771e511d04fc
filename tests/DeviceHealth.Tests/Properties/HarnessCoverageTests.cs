using DeviceHealth.Actions;

namespace DeviceHealth.Tests.Properties;

/// <summary>Checks that the generated schedules reach the interesting paths, so the properties are not vacuous.</summary>
public class HarnessCoverageTests
{
    [Fact]
    public void NodeHarness_LongRandomSchedule_ReachesEveryKindOfIntent()
    {
        Random random = new(12345);
        int[] script = [.. Enumerable.Range(0, 3000).Select(_ => random.Next())];
        NodeFleetHarness h = new(6, 50, 50);

        h.Run(script);

        Assert.Empty(h.Violations);
        Assert.Contains(h.Log, l => l.Action is CordonNode);
        Assert.Contains(h.Log, l => l.Action is CreateRemediation { Order: 1 });
        Assert.Contains(h.Log, l => l.Action is UncordonNode);
        Assert.Contains(h.Log, l => l.Action is Hold { Reason: HoldReason.Paused or HoldReason.Upgrading });
        Assert.Contains(h.Log, l => l.Action is Hold { Reason: HoldReason.BudgetExhausted or HoldReason.StormCooldown });
        Assert.Contains(h.Log, l => l.Action is Hold { Reason: HoldReason.AdminCordon });
        Assert.Contains(h.Log, l => l.Action is Hold { Reason: HoldReason.EscalationExhausted });
    }

    [Fact]
    public void DeviceScript_LongRandomScript_ReachesEveryPhase()
    {
        Random random = new(777);
        int[] script = [.. Enumerable.Range(0, 5000).Select(_ => random.Next())];
        HashSet<Devices.DevicePhase> seen = [];
        Devices.DeviceHealthMachine m = new();
        Devices.DeviceState s = Devices.DeviceState.Initial;
        foreach ((Devices.DeviceEvent e, DateTimeOffset at) in DeviceScript.Build(script))
        {
            s = m.Apply(s, e, at).State;
            seen.Add(s.Phase);
        }

        Assert.Equal(Enum.GetValues<Devices.DevicePhase>().Length, seen.Count);
    }
}
