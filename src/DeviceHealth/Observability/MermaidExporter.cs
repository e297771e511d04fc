using System.Text;

namespace DeviceHealth.Observability;

/// <summary>
/// Describes each machine's phases and transitions (the <c>GetInfo()</c> idea of Stateless) and renders them as a
/// Mermaid <c>stateDiagram-v2</c>. The tests check that every phase change the machines make appears here.
/// </summary>
public static class MermaidExporter
{
    /// <summary>The transitions of a machine as (from, to, trigger) triples; "[*]" is the start.</summary>
    /// <param name="kind">The machine.</param>
    /// <returns>The transitions.</returns>
    public static IReadOnlyList<(string From, string To, string Trigger)> Transitions(MachineKind kind) => kind switch
    {
        MachineKind.Device =>
        [
            ("[*]", "Healthy", "start"),
            ("Healthy", "Suspect", "app-class XID / DCGM WARN"),
            ("Healthy", "Unhealthy", "fatal XID / GPU lost / DCGM FAIL"),
            ("Healthy", "Quarantined", "held-for-human XID"),
            ("Healthy", "Unknown", "health timeout / plugin or kubelet restart"),
            ("Suspect", "Unhealthy", "repetitions >= threshold / fatal XID"),
            ("Suspect", "Healthy", "window expired"),
            ("Suspect", "Unknown", "health timeout / restart"),
            ("Suspect", "Quarantined", "held-for-human XID"),
            ("Unknown", "Healthy", "healthy signal"),
            ("Unknown", "Suspect", "app-class XID"),
            ("Unknown", "Unhealthy", "fatal XID"),
            ("Unknown", "Quarantined", "held-for-human XID"),
            ("Unhealthy", "Draining", "min unhealthy elapsed"),
            ("Unhealthy", "Remediating", "pods gone"),
            ("Unhealthy", "Quarantined", "attempts exhausted"),
            ("Draining", "Remediating", "pods gone / drain timeout"),
            ("Draining", "Quarantined", "attempts exhausted"),
            ("Remediating", "Recovering", "remediation succeeded"),
            ("Remediating", "Remediating", "failed or timed out: next attempt"),
            ("Remediating", "Quarantined", "attempts exhausted"),
            ("Recovering", "Healthy", "healthy delay elapsed"),
            ("Recovering", "Suspect", "app-class XID"),
            ("Recovering", "Unhealthy", "fatal XID"),
            ("Recovering", "Quarantined", "held-for-human XID"),
            ("Unhealthy", "Healthy", "manual confirm"),
            ("Draining", "Healthy", "manual confirm"),
            ("Remediating", "Healthy", "manual confirm"),
            ("Recovering", "Healthy", "manual confirm"),
            ("Quarantined", "Healthy", "manual confirm"),
            ("Suspect", "Healthy", "manual confirm"),
            ("Unknown", "Healthy", "manual confirm"),
        ],
        MachineKind.NodePool =>
        [
            ("[*]", "Nominal", "start"),
            ("Nominal", "Degraded", "gap > 0"),
            ("Nominal", "Unknown", "inconsistent snapshot"),
            ("Nominal", "ActionPending", "gap > 0, no grace, budget allows"),
            ("Nominal", "Blocked", "gap > 0, no grace, budget blocks"),
            ("Degraded", "Nominal", "gap = 0"),
            ("Degraded", "Unknown", "inconsistent snapshot"),
            ("Degraded", "ActionPending", "deadline, budget allows: cordon, taint, condition"),
            ("Degraded", "Blocked", "deadline, budget or pause or upgrade or storm or admin cordon"),
            ("Blocked", "ActionPending", "budget allows again"),
            ("Blocked", "Blocked", "reason changed"),
            ("Blocked", "Nominal", "gap = 0 / manual confirm"),
            ("Blocked", "Unknown", "inconsistent snapshot"),
            ("Unknown", "Nominal", "consistent, gap = 0"),
            ("Unknown", "Degraded", "consistent, gap > 0"),
            ("Unknown", "ActionPending", "consistent, gap > 0, no grace"),
            ("Unknown", "Blocked", "consistent, gap > 0, no grace, blocked"),
            ("ActionPending", "Remediating", "cordon observed / step timeout: ladder step 0"),
            ("ActionPending", "Probation", "gap = 0"),
            ("ActionPending", "Blocked", "empty ladder: escalation exhausted"),
            ("Remediating", "Remediating", "step timeout / Succeeded=False: next step"),
            ("Remediating", "Blocked", "last step failed: escalation exhausted"),
            ("Remediating", "Probation", "gap = 0"),
            ("Probation", "Nominal", "healthy delay elapsed: uncordon (own cordons only)"),
            ("Probation", "Remediating", "gap > 0: next step"),
            ("Probation", "Blocked", "gap > 0, ladder exhausted"),
            ("Degraded", "Nominal", "manual confirm"),
            ("ActionPending", "Nominal", "manual confirm"),
            ("Remediating", "Nominal", "manual confirm"),
            ("Probation", "Nominal", "manual confirm"),
            ("Unknown", "Nominal", "manual confirm"),
            ("Nominal", "[*]", "node deleted"),
            ("Degraded", "[*]", "node deleted"),
            ("Blocked", "[*]", "node deleted"),
            ("Unknown", "[*]", "node deleted"),
            ("ActionPending", "[*]", "node deleted: budget slot freed"),
            ("Remediating", "[*]", "node deleted: budget slot freed"),
            ("Probation", "[*]", "node deleted"),
        ],
        MachineKind.PodWatcher =>
        [
            ("[*]", "Running", "start"),
            ("Running", "AtRisk", "bound device unhealthy or unknown"),
            ("Running", "Held", "at risk, owner will not recreate (bare, Job, gang)"),
            ("Running", "Evicting", "unhealthy >= min, recreating owner, crash-loop or non-app fault"),
            ("AtRisk", "Running", "devices healthy"),
            ("AtRisk", "Held", "owner will not recreate"),
            ("AtRisk", "Evicting", "due"),
            ("Held", "Running", "devices healthy"),
            ("Held", "Held", "reason changed"),
            ("Held", "AtRisk", "owner changed"),
            ("Held", "Evicting", "owner changed, due"),
            ("Evicting", "Replaced", "new UID"),
            ("Replaced", "AtRisk", "bound device unhealthy or unknown"),
            ("Replaced", "Held", "owner will not recreate"),
            ("Replaced", "Evicting", "due"),
            ("Running", "Gone", "terminal or deleted"),
            ("AtRisk", "Gone", "terminal or deleted"),
            ("Held", "Gone", "terminal or deleted"),
            ("Evicting", "Gone", "terminal or deleted"),
            ("Replaced", "Gone", "terminal or deleted"),
            ("Gone", "Replaced", "new UID"),
            ("Gone", "Running", "observed again"),
            ("Gone", "AtRisk", "observed again, at risk"),
            ("Gone", "Held", "observed again, held"),
            ("Gone", "Evicting", "observed again, due"),
        ],
        MachineKind.Gang =>
        [
            ("[*]", "Running", "start"),
            ("Running", "Degraded", "ranks slow"),
            ("Degraded", "Running", "ranks recovered"),
            ("Running", "RestartingInPlace", "app failure, in-place budget left"),
            ("Degraded", "RestartingInPlace", "app failure, in-place budget left"),
            ("Running", "Replacing", "device or node failure, ranks replaceable"),
            ("Degraded", "Replacing", "device or node failure, ranks replaceable"),
            ("Running", "RecreatingAll", "not replaceable"),
            ("Degraded", "RecreatingAll", "not replaceable"),
            ("RestartingInPlace", "RestartingInPlace", "app failure again"),
            ("RestartingInPlace", "Replacing", "failure, in-place exhausted"),
            ("RestartingInPlace", "RecreatingAll", "failure, not replaceable"),
            ("Replacing", "RestartingInPlace", "app failure"),
            ("Replacing", "Replacing", "failure again"),
            ("Replacing", "RecreatingAll", "failure, not replaceable"),
            ("RecreatingAll", "RecreatingAll", "failure during recreate"),
            ("RestartingInPlace", "Running", "restart completed"),
            ("Replacing", "Running", "restart completed"),
            ("RecreatingAll", "Running", "old generation gone, new one running"),
            ("Running", "Failed", "budget spent"),
            ("Degraded", "Failed", "budget spent"),
            ("RestartingInPlace", "Failed", "budget spent"),
            ("Replacing", "Failed", "budget spent"),
            ("RecreatingAll", "Failed", "budget spent"),
            ("Running", "Succeeded", "completed"),
            ("Degraded", "Succeeded", "completed"),
            ("RestartingInPlace", "Succeeded", "completed"),
            ("Replacing", "Succeeded", "completed"),
            ("RecreatingAll", "Succeeded", "completed"),
        ],
        MachineKind.Degradation =>
        [
            ("[*]", "WarmingUp", "start"),
            ("WarmingUp", "Normal", "min samples"),
            ("Normal", "Suspect", "k of n windows slow"),
            ("Suspect", "Normal", "k_out of n windows normal"),
            ("Suspect", "Confirmed", "dwell and (second signal or mean shift)"),
            ("Confirmed", "Normal", "k_out of n windows normal"),
            ("Confirmed", "Mitigating", "mitigation begins"),
            ("Suspect", "Mitigating", "mitigation begins"),
            ("Normal", "Mitigating", "mitigation begins"),
            ("Mitigating", "Cooldown", "mitigation ends"),
            ("Cooldown", "WarmingUp", "cooldown elapsed"),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown machine"),
    };

    /// <summary>Renders a machine as a Mermaid <c>stateDiagram-v2</c>.</summary>
    /// <param name="kind">The machine.</param>
    /// <returns>The diagram text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a known machine.</exception>
    public static string Export(MachineKind kind)
    {
        StringBuilder sb = new();
        sb.Append("stateDiagram-v2\n");
        sb.Append("    %% ").Append(kind.ToString()).Append(" machine (DeviceHealth)\n");
        foreach ((string from, string to, string trigger) in Transitions(kind))
        {
            sb.Append("    ").Append(from).Append(" --> ").Append(to).Append(" : ").Append(trigger.Replace(":", " -", StringComparison.Ordinal)).Append('\n');
        }

        return sb.ToString();
    }
}
