namespace PqcTls.Probing;

/// <summary>All fragmentation cases run against one server.</summary>
public sealed class FragmentationReport
{
    internal FragmentationReport(IReadOnlyList<FragmentationCaseResult> cases, int clientHelloLength)
    {
        Cases = cases;
        ClientHelloLength = clientHelloLength;
    }

    /// <summary>
    /// Gets every case in the order run; the first is the unsplit control. When the control did not complete, the
    /// split cases were not run and the control is the only case.
    /// </summary>
    public IReadOnlyList<FragmentationCaseResult> Cases { get; }

    /// <summary>Gets the length of the ClientHello on the wire in one record.</summary>
    public int ClientHelloLength { get; }

    /// <summary>Gets a value that tells whether the unsplit control case completed.</summary>
    public bool ControlCompleted => Cases.Count > 0 && Cases[0].Kind == FragmentationKind.Control && Cases[0].Passed;

    /// <summary>Gets the number of cases that did not complete.</summary>
    public int Failed => Cases.Count(c => !c.Passed);

    /// <summary>
    /// Gets a value that tells whether the server is fragmentation-tolerant: the control and every split case
    /// completed.
    /// </summary>
    public bool Tolerant => ControlCompleted && Failed == 0;
}
