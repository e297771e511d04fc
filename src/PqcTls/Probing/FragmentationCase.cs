namespace PqcTls.Probing;

/// <summary>
/// One planned way to send the ClientHello: record cut points (message offsets) and segment cut points (wire
/// offsets).
/// </summary>
internal sealed record FragmentationCase(string Name, FragmentationKind Kind, int[] RecordCuts, int[] SegmentCuts,
    TimeSpan Delay);
