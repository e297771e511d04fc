using Kubekit.Devices;

namespace Kubekit;

/// <summary>The 'devices' subcommand: XID logs, nvidia-smi XML, straggler traces and the fleet simulator.</summary>
internal static class DevicesCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, Console.In, stdout, stderr);

    /// <summary>Runs with an explicit standard input (the tests use it for <c>xid -</c>).</summary>
    internal static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (args.Length == 0)
        {
            return DevicesLive.Run(stdout, stderr);
        }

        string[] rest = args[1..];
        try
        {
            return args[0] switch
            {
                "xid" => DevicesXid.Run(rest, stdin, stdout, stderr),
                "smi" => DevicesSmi.Run(rest, stdout, stderr),
                "stragglers" => DevicesStragglers.Run(rest, stdout, stderr),
                "simulate" => DevicesSimulate.Run(rest, stdout, stderr),
                "-h" or "--help" or "help" => Help(stdout),
                _ => DevicesArgs.Fail(stderr, $"unknown command '{args[0]}'; run 'kubekit devices --help'"),
            };
        }
        catch (DevicesUsageException ex)
        {
            return DevicesArgs.Fail(stderr, ex.Message);
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.Write(Usage);
        return Program.Success;
    }

    internal const string Usage = """
        kubekit devices: accelerator health

        usage:
          kubekit devices                         read 'nvidia-smi -q -x' live when nvidia-smi is on PATH;
                                                  otherwise run the fleet simulator with its defaults
          kubekit devices xid [FILE|-] [--json] [--disable LIST] [--enable LIST]
                                                  find NVRM Xid and GPU-lost events in a kernel log
                                                  (LIST as DP_DISABLE_HEALTHCHECKS / DP_ENABLE_HEALTHCHECKS)
          kubekit devices smi FILE.xml [--json]   ECC, retired pages, remapped rows, throttling, PCIe, MIG
                                                  (also reads 'nvidia-smi --query-gpu=... --format=csv' output)
          kubekit devices stragglers FILE.csv [--json] [--metric COLUMN]
                                                  flag ranks slower than their pipeline-stage peers
          kubekit devices simulate [--nodes N] [--days D] [--seed S] [--json]
                                                  failure trace from published rates through remediation policies

        exit codes: 0 nothing found, 1 faults or stragglers found, 2 bad input or usage

        """;
}
