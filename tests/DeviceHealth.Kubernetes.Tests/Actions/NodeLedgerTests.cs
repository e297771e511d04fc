using DeviceHealth.Kubernetes.Applying;
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
}
