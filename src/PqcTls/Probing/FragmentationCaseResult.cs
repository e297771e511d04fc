namespace PqcTls.Probing;

/// <summary>The result of sending one fragmented ClientHello.</summary>
public sealed class FragmentationCaseResult
{
    internal FragmentationCaseResult(string name, FragmentationKind kind, int segments, int records,
        FragmentationOutcome outcome,
        TlsAlertDescription? alert, TimeSpan elapsed)
    {
        Name = name;
        Kind = kind;
        Segments = segments;
        Records = records;
        Outcome = outcome;
        Alert = alert;
        Elapsed = elapsed;
    }

    /// <summary>Gets the case name, for example <c>tcp@5 (after record header)</c>.</summary>
    public string Name { get; }

    /// <summary>Gets what the case varies.</summary>
    public FragmentationKind Kind { get; }

    /// <summary>Gets the number of TCP segments the hello was sent in.</summary>
    public int Segments { get; }

    /// <summary>Gets the number of TLS records the hello was framed in.</summary>
    public int Records { get; }

    /// <summary>Gets how the server answered.</summary>
    public FragmentationOutcome Outcome { get; }

    /// <summary>
    /// Gets the alert the server sent, when <see cref="Outcome"/> is <see cref="FragmentationOutcome.Alert"/>.
    /// </summary>
    public TlsAlertDescription? Alert { get; }

    /// <summary>Gets the time from connecting to the server's answer.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Gets a value that tells whether the server reassembled the hello.</summary>
    public bool Passed => Outcome == FragmentationOutcome.Completed;
}
