using System.Globalization;
using DeviceHealth.Actions;
using DeviceHealth.Simulation;

namespace Kubekit.Devices;

/// <summary><c>kubekit devices simulate</c>: the fleet simulator.</summary>
internal static class DevicesSimulate
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        DevicesArgs a = DevicesArgs.Parse(args, ["--nodes", "--days", "--seed"], []);
        if (a.Positional.Count != 0)
        {
            throw new DevicesUsageException($"simulate takes no file, found '{a.Positional[0]}'");
        }

        SimulationOptions options = new()
        {
            Nodes = (int)a.Integer("--nodes", 2048, 1, 1_000_000),
            Days = a.Number("--days", 54, 0.001, 3650),
            Seed = (ulong)a.Integer("--seed", 1, 0, long.MaxValue),
        };
        Print(FleetSimulator.Run(options), a.Json, stdout);
        return Program.Success;
    }

    public static void Print(SimulationResult r, bool json, TextWriter stdout)
    {
        if (json)
        {
            DevicesArgs.WriteJson(stdout, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("nodes", r.Nodes);
                w.WriteNumber("gpus", r.Gpus);
                w.WriteNumber("days", r.Days);
                w.WriteNumber("seed", r.Seed);
                w.WriteNumber("failures", r.Failures);
                w.WriteStartObject("failuresByCategory");
                foreach (KeyValuePair<string, int> p in r.FailuresByCategory.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WriteNumber(p.Key, p.Value);
                }

                w.WriteEndObject();
                w.WriteStartArray("policies");
                foreach (PolicyResult p in r.Policies)
                {
                    w.WriteStartObject();
                    w.WriteString("name", p.Policy);
                    w.WriteNumber("goodput", Math.Round(p.Goodput, 6));
                    w.WriteNumber("lostGpuHours", Math.Round(p.LostGpuHours, 1));
                    w.WriteNumber("interruptions", p.Interruptions);
                    w.WriteNumber("remediationsTotal", p.TotalRemediations);
                    w.WriteStartObject("remediations");
                    foreach (KeyValuePair<RemediationKind, int> k in p.Remediations.OrderBy(k => k.Key))
                    {
                        w.WriteNumber(k.Key.ToString(), k.Value);
                    }

                    w.WriteEndObject();
                    w.WriteNumber("quarantined", p.Quarantined);
                    w.WriteNumber("meanTimeToResumeHours", Math.Round(p.MeanTimeToResumeHours, 4));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fleet: {r.Nodes} node(s), {r.Gpus} GPU(s), {r.Days} day(s), seed {r.Seed}: {r.Failures} failure(s)"));
        stdout.WriteLine("policy                  goodput  lost GPU-h  interruptions  remediations  quarantined  mean resume h");
        foreach (PolicyResult p in r.Policies)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Policy,-22} {p.Goodput,8:P2} {p.LostGpuHours,11:F0} {p.Interruptions,14} {p.TotalRemediations,13} {p.Quarantined,12} {p.MeanTimeToResumeHours,14:F2}"));
        }
    }
}
