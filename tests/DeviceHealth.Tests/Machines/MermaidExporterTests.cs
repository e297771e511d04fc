using DeviceHealth.Observability;

namespace DeviceHealth.Tests.Machines;

public class MermaidExporterTests
{
    [Theory]
    [InlineData(MachineKind.Device, "Healthy --> Unhealthy")]
    [InlineData(MachineKind.NodePool, "Degraded --> ActionPending")]
    [InlineData(MachineKind.NodePool, "Remediating --> [*]")]
    [InlineData(MachineKind.PodWatcher, "AtRisk --> Evicting")]
    [InlineData(MachineKind.Gang, "RecreatingAll --> Running")]
    [InlineData(MachineKind.Degradation, "Suspect --> Confirmed")]
    public void Export_EachMachine_IsStateDiagramWithKeyEdge(MachineKind kind, string edge)
    {
        string diagram = MermaidExporter.Export(kind);

        Assert.StartsWith("stateDiagram-v2\n", diagram, StringComparison.Ordinal);
        Assert.Contains("    " + edge + " : ", diagram, StringComparison.Ordinal);
        Assert.Contains("[*] --> ", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_TriggerColons_AreEscaped()
    {
        string diagram = MermaidExporter.Export(MachineKind.NodePool);

        foreach (string line in diagram.Split('\n').Skip(2).Where(l => l.Length > 0))
        {
            Assert.Equal(1, line.Count(c => c == ':'));
        }
    }
}
