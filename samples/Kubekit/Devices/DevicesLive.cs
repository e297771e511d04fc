using System.Diagnostics;
using DeviceHealth.Simulation;

namespace Kubekit.Devices;

/// <summary>
/// <c>kubekit devices</c> without a subcommand: reads <c>nvidia-smi -q -x</c> when nvidia-smi is on PATH, otherwise
/// runs the simulator with its defaults (the Llama 3 fleet).
/// </summary>
internal static class DevicesLive
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static int Run(TextWriter stdout, TextWriter stderr)
    {
        string? smi = FindOnPath("nvidia-smi", Environment.GetEnvironmentVariable("PATH"));
        if (smi is null)
        {
            stdout.WriteLine("nvidia-smi not found on PATH: running the fleet simulator with its defaults");
            DevicesSimulate.Print(FleetSimulator.Run(), json: false, stdout);
            return Program.Success;
        }

        try
        {
            return DevicesSmi.Report(RunSmi(smi), "nvidia-smi -q -x", json: false, stdout);
        }
        catch (DevicesUsageException ex)
        {
            return DevicesArgs.Fail(stderr, ex.Message);
        }
    }

    internal static string? FindOnPath(string name, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string RunSmi(string smi)
    {
        ProcessStartInfo psi = new(smi, ["-q", "-x"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using Process process = Process.Start(psi) ?? throw new DevicesUsageException($"cannot start '{smi}'");
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new DevicesUsageException($"'{smi} -q -x' did not finish within {s_timeout.TotalSeconds} s");
            }

            if (process.ExitCode != 0)
            {
                throw new DevicesUsageException($"'{smi} -q -x' exited with {process.ExitCode}: {DevicesArgs.OneLine(error.GetAwaiter().GetResult().Trim())}");
            }

            return output.GetAwaiter().GetResult();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new DevicesUsageException($"cannot run '{smi}': {ex.Message}", ex);
        }
    }
}
