using DeviceHealth.Configuration;
using DeviceHealth.Kubernetes.Applying;
using DeviceHealth.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeviceHealth.Kubernetes.Tests.Actions;

public sealed class NodeLedgerTests
{
    [Property]
    public Property FormatThenRead_AnyKeys_KeepsTheNewestUpToCapacityInOrder(string[] keys, PositiveInt capacity)
    {
        var entries = keys.Where(k => k is not null).ToList();
        int cap = Math.Min(capacity.Get, 50);
        var annotations = new Dictionary<string, string> { [NodeLedger.AppliedAnnotation] = NodeLedger.Format(entries, cap) };

        var read = NodeLedger.Read(annotations, NodeLedger.AppliedAnnotation);

        var expected = entries.Skip(Math.Max(0, entries.Count - cap)).ToList();
        return read.SequenceEqual(expected).Label($"cap={cap} read=[{string.Join(",", read)}]");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"a\":1}")]
    [InlineData("")]
    public void Read_UnreadableAnnotation_ReadsAsEmpty(string value)
    {
        var annotations = new Dictionary<string, string> { [NodeLedger.AppliedAnnotation] = value };

        Assert.Empty(NodeLedger.Read(annotations, NodeLedger.AppliedAnnotation));
    }

    [Fact]
    public void Read_MixedArray_KeepsOnlyStrings()
    {
        var annotations = new Dictionary<string, string> { [NodeLedger.AppliedAnnotation] = "[\"a\",1,null,\"b\"]" };

        Assert.Equal(["a", "b"], NodeLedger.Read(annotations, NodeLedger.AppliedAnnotation));
    }

    [Fact]
    public void RecoverEpisodeStart_KeysFromTheCoreMachine_ReturnsTheirEpisode()
    {
        // The cordon key as the core's node machine builds it for a gap first seen at t0 (grace 0: acts at once).
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var machine = new NodePoolMachine(new NodePoolOptions { GracePeriod = TimeSpan.Zero });
        var intents = machine.Apply(
            NodePoolState.Initial,
            new NodePoolEvent(NodePoolEventKind.Snapshot, "gpu-1", 8, 7),
            t0,
            FleetBudget.Open).Actions;
        var keys = intents.Select(i => i.IdempotencyKey).ToList();
        var annotations = new Dictionary<string, string>
        {
            [NodeLedger.AppliedAnnotation] = NodeLedger.Format(["node/other/5/cordon/0", .. keys], 10),
        };

        Assert.Equal(t0, NodeLedger.RecoverEpisodeStart(annotations, "gpu-1"));
    }

    [Fact]
    public void RecoverEpisodeStart_SeveralEpisodes_ReturnsTheNewestCordon()
    {
        var annotations = new Dictionary<string, string>
        {
            [NodeLedger.AppliedAnnotation] = NodeLedger.Format(
                ["node/n/100/cordon/0", "node/n/100/uncordon/0", "node/n/200/cordon/0", "node/n/200/taint/0"],
                10),
        };

        Assert.Equal(new DateTimeOffset(200, TimeSpan.Zero), NodeLedger.RecoverEpisodeStart(annotations, "n"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[\"node/n/abc/cordon/0\"]")]
    [InlineData("[\"node/n/-5/cordon/0\"]")]
    [InlineData("[\"node/n/99999999999999999999/cordon/0\"]")]
    [InlineData("[\"node/n/100/taint/0\"]")]
    [InlineData("[\"node/n2/100/cordon/0\"]")]
    [InlineData("not json")]
    public void RecoverEpisodeStart_NoReadableCordonKey_ReturnsNull(string value)
    {
        var annotations = new Dictionary<string, string> { [NodeLedger.AppliedAnnotation] = value };

        Assert.Null(NodeLedger.RecoverEpisodeStart(annotations, "n"));
        Assert.Null(NodeLedger.RecoverEpisodeStart(null, "n"));
    }
}
