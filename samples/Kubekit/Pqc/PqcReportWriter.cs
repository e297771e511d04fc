using System.Globalization;
using System.Text;
using System.Text.Json;
using PqcTls;
using PqcTls.Probing;

namespace Kubekit.Pqc;

/// <summary>Writes a <see cref="PqcProbeReport"/> as text or as JSON (Utf8JsonWriter).</summary>
internal static class PqcReportWriter
{
    public static string ToJson(PqcProbeReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("target", report.Target);
            WriteGroup(w, "negotiatedGroup", report.NegotiatedGroup);
            w.WriteBoolean("hybrid", report.Hybrid);
            w.WriteBoolean("secretVerified", report.SecretVerified);
            w.WriteBoolean("helloRetryToHybrid", report.HelloRetryToHybrid);
            w.WriteBoolean("acceptsDraftKyber", report.AcceptsDraftKyber);
            w.WriteBoolean("draftKyberOnly", report.DraftKyberOnly);
            w.WriteStartObject("checks");
            WriteCheck(w, "default", report.Default);
            WriteCheck(w, "classicalOffer", report.ClassicalOffer);
            WriteCheck(w, "draftKyberOffer", report.DraftKyberOffer);
            w.WriteEndObject();
            w.WriteStartArray("hybrids");
            foreach (HandshakeCheckSummary hybrid in report.Hybrids)
            {
                w.WriteStartObject();
                WriteCheckBody(w, hybrid);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (report.Fragmentation is { } f)
            {
                w.WriteStartObject("fragmentation");
                w.WriteNumber("cases", f.Cases.Count);
                w.WriteNumber("failed", f.Failed);
                w.WriteBoolean("tolerant", f.Tolerant);
                w.WriteBoolean("controlCompleted", f.ControlCompleted);
                w.WriteBoolean("inconclusive", !f.ControlCompleted);
                w.WriteNumber("clientHelloLength", f.ClientHelloLength);
                w.WriteStartArray("results");
                foreach (FragmentationCaseResult c in f.Cases)
                {
                    w.WriteStartObject();
                    w.WriteString("name", c.Name);
                    w.WriteString("kind", c.Kind.ToString());
                    w.WriteNumber("segments", c.Segments);
                    w.WriteNumber("records", c.Records);
                    w.WriteString("outcome", Outcome(c));
                    w.WriteNumber("elapsedMs", Math.Round(c.Elapsed.TotalMilliseconds, 1));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("fragmentation");
            }

            if (report.Error is { } error)
            {
                w.WriteString("error", error);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    public static string ToText(PqcProbeReport report)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"target:              {report.Target}");
        s.AppendLine(CultureInfo.InvariantCulture,
            $"negotiated group:    {Name(report.NegotiatedGroup)}{Kind(report)}");
        s.AppendLine(CultureInfo.InvariantCulture, $"secret verified:     {YesNo(report.SecretVerified)}");
        s.AppendLine(CultureInfo.InvariantCulture,
            $"HRR to hybrid:       {YesNo(report.HelloRetryToHybrid)} (classical-only share offered)");
        s.AppendLine(CultureInfo.InvariantCulture,
            $"draft Kyber 0x6399:  {(report.AcceptsDraftKyber ? "selected" : "not selected")}{(report.DraftKyberOnly ? " - ONLY the draft code point: modern clients silently fall back to classical" : string.Empty)}");
        foreach (HandshakeCheckSummary hybrid in report.Hybrids)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  {hybrid.Offer,-30} {Describe(hybrid)}");
        }

        if (report.Fragmentation is { } f)
        {
            if (!f.ControlCompleted)
            {
                // Without a working unsplit hello there is nothing to compare the split cases with.
                string control = f.Cases.Count > 0 ? Outcome(f.Cases[0]) : "not run";
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"fragmentation:       INCONCLUSIVE (the unsplit control hello got {control}, so the split cases were not run)");
            }
            else
            {
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"fragmentation:       {(f.Tolerant ? "tolerant" : "INTOLERANT")} ({f.Cases.Count - f.Failed}/{f.Cases.Count} cases completed, hello {f.ClientHelloLength} bytes)");
                foreach (FragmentationCaseResult c in f.Cases.Where(c => !c.Passed))
                {
                    s.AppendLine(CultureInfo.InvariantCulture, $"  {c.Name}: {Outcome(c)}");
                }
            }
        }

        if (report.Error is { } error)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"error:               {error}");
        }

        return s.ToString();
    }

    private static string Describe(HandshakeCheckSummary check) => check.Result switch
    {
        null => "error: " + check.Error,
        { ServerAlert: { } alert } => "refused (alert " + alert + ")",
        { NegotiatedGroup: null, Failure: { } failure } => "failed: " + failure,
        { } r => $"{Name(r.NegotiatedGroup)}{(r.HelloRetryRequested ? " after HRR" : string.Empty)}, secret {(r.SecretVerified ? "verified" : "NOT verified")}",
    };

    private static string Outcome(FragmentationCaseResult c) => c.Outcome switch
    {
        FragmentationOutcome.Alert => "alert(" + (c.Alert is { } a
            ? ((byte)a).ToString(CultureInfo.InvariantCulture) + " " + a : "?") + ")",
        FragmentationOutcome.Completed => "completed",
        FragmentationOutcome.Reset => "reset",
        FragmentationOutcome.Closed => "closed",
        FragmentationOutcome.Invalid => "invalid (not a ServerHello or alert record)",
        _ => "timeout",
    };

    private static void WriteCheck(Utf8JsonWriter w, string name, HandshakeCheckSummary? check)
    {
        if (check is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        WriteCheckBody(w, check);
        w.WriteEndObject();
    }

    private static void WriteCheckBody(Utf8JsonWriter w, HandshakeCheckSummary check)
    {
        w.WriteString("offer", check.Offer);
        WriteGroup(w, "negotiatedGroup", check.NegotiatedGroup);
        w.WriteBoolean("helloRetryRequested", check.Result?.HelloRetryRequested == true);
        WriteGroup(w, "helloRetryGroup", check.HelloRetryGroup);
        w.WriteBoolean("secretVerified", check.SecretVerified);
        if (check.Result?.ServerAlert is { } alert)
        {
            w.WriteString("serverAlert", alert.ToString());
        }

        if (check.Error is { } error)
        {
            w.WriteString("error", error);
        }
        else if (check.Result is { NegotiatedGroup: null, ServerAlert: null, Failure: { } failure })
        {
            w.WriteString("error", failure);
        }
    }

    /// <summary>Says what the default offer got: a hybrid, a classical group, or why there is no group.</summary>
    private static string Kind(PqcProbeReport report) => report.Default?.Result switch
    {
        _ when report.Hybrid => " (post-quantum hybrid)",
        { NegotiatedGroup: not null } => " (classical)",
        { ServerAlert: { } alert } => " (refused: alert " + alert + ")",
        { Failure: { } failure } => " (" + failure + ")",
        _ => report.Default?.Error is { } error ? " (" + error + ")" : string.Empty,
    };

    private static void WriteGroup(Utf8JsonWriter w, string name, TlsNamedGroup? group)
    {
        if (group is { } g)
        {
            w.WriteString(name, TlsNamedGroups.GetName(g));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Name(TlsNamedGroup? group) => group is { } g ? TlsNamedGroups.GetName(g) : "none";

    private static string YesNo(bool value) => value ? "yes" : "no";
}
