using System.Globalization;
using System.Text.Json;
using DeviceHealth.Devices;
using DeviceHealth.Signals;

namespace Kubekit.Devices;

/// <summary><c>kubekit devices xid</c>: NVRM Xid and GPU-lost events in a kernel log.</summary>
internal static class DevicesXid
{
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        DevicesArgs a = DevicesArgs.Parse(args, ["--disable", "--enable"], []);
        if (a.Positional.Count > 1)
        {
            throw new DevicesUsageException("xid takes at most one FILE (or - for standard input)");
        }

        // On the command line a bad list is a usage error (the device plugin only logs and ignores bad entries).
        CheckList(a, "--disable", allowAll: true);
        CheckList(a, "--enable", allowAll: false);
        string path = a.Positional.Count == 1 ? a.Positional[0] : "-";
        string text = DevicesArgs.ReadText(path, stdin);
        XidPolicy policy = new(a.Option("--disable"), a.Option("--enable"));
        KernelLogParseResult result = KernelLogParser.Parse(new StringReader(text));
        List<Diagnostic> diagnostics = [.. policy.Diagnostics, .. result.Diagnostics];
        bool faults = result.Events.Any(e => IsFault(policy.Classify(e)));
        if (a.Json)
        {
            DevicesArgs.WriteJson(stdout, w => WriteJson(w, result, policy, diagnostics));
        }
        else
        {
            foreach (KernelEvent e in result.Events)
            {
                FaultClass cls = policy.Classify(e);
                string what = e.Kind == KernelEventKind.GpuLost ? "GPU lost (no XID)" : $"XID {e.Xid}";
                string mnemonic = e.Kind == KernelEventKind.Xid && policy.Catalog.TryGet(e.Xid, out XidInfo? info) ? " " + info.Mnemonic : "";
                string skipped = e.Kind == KernelEventKind.Xid && !policy.IsChecked(e.Xid) ? ", skipped by the device plugin" : "";
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"line {e.Line}: {what} on {e.Pci}: {DeviceHealthMachine.ClassName(cls)}{skipped}{mnemonic}"));
            }

            foreach (Diagnostic d in diagnostics)
            {
                stdout.WriteLine($"warning: {d}");
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Events.Count} event(s) in {result.LinesRead} line(s); {(faults ? "device faults found" : "no device faults")}"));
        }

        return faults ? Program.ProblemsFound : Program.Success;
    }

    private static void CheckList(DevicesArgs a, string option, bool allowAll)
    {
        if (a.Option(option) is string list && !XidPolicy.TryParseList(list, allowAll, out _, out _))
        {
            string expected = allowAll ? "positive XID numbers separated by commas, or 'all'" : "positive XID numbers separated by commas";
            throw new DevicesUsageException($"option {option}: expected {expected}, found '{list}'");
        }
    }

    private static bool IsFault(FaultClass cls) => cls is not (FaultClass.None or FaultClass.Info or FaultClass.App or FaultClass.FollowPreceding);

    private static void WriteJson(Utf8JsonWriter w, KernelLogParseResult result, XidPolicy policy, List<Diagnostic> diagnostics)
    {
        w.WriteStartObject();
        w.WriteStartArray("events");
        foreach (KernelEvent e in result.Events)
        {
            FaultClass cls = policy.Classify(e);
            w.WriteStartObject();
            w.WriteNumber("line", e.Line);
            w.WriteString("kind", e.Kind == KernelEventKind.Xid ? "xid" : "gpu-lost");
            if (e.Kind == KernelEventKind.Xid)
            {
                w.WriteNumber("xid", e.Xid);
            }
            else
            {
                w.WriteNull("xid");
            }

            w.WriteString("pci", e.Pci);
            w.WriteString("class", DeviceHealthMachine.ClassName(cls));
            w.WriteBoolean("checked", e.Kind == KernelEventKind.GpuLost || policy.IsChecked(e.Xid));
            if (e.Kind == KernelEventKind.Xid && policy.Catalog.TryGet(e.Xid, out XidInfo? info))
            {
                w.WriteString("mnemonic", info.Mnemonic);
                w.WriteString("nvidiaAction", info.ImmediateAction);
            }

            if (e.Pid.Length > 0)
            {
                w.WriteString("pid", e.Pid);
            }

            if (e.ProcessName.Length > 0)
            {
                w.WriteString("name", e.ProcessName);
            }

            if (e.Timestamp.Length > 0)
            {
                w.WriteString("timestamp", e.Timestamp);
            }

            if (e.RecoveryAction.Length > 0)
            {
                w.WriteString("recoveryAction", e.RecoveryAction);
            }

            w.WriteString("detail", e.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        DevicesJson.WriteDiagnostics(w, diagnostics);
        w.WriteNumber("linesRead", result.LinesRead);
        w.WriteEndObject();
    }
}
