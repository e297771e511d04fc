namespace Kubekit;

/// <summary>Entry point: picks the subcommand and maps failures to exit codes.</summary>
internal static class Program
{
    /// <summary>Exit code for a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code when a check found problems (for example invalid KYAML).</summary>
    public const int ProblemsFound = 1;

    /// <summary>Exit code for bad input or bad usage: a one-line message on stderr, nothing half-written.</summary>
    public const int BadInput = 2;

    private static int Main(string[] args)
    {
        return Run(args, Console.Out, Console.Error);
    }

    /// <summary>Runs kubekit with the given arguments and writers; the tests call this directly.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            return MemoryCommand.Run([], stdout, stderr);
        }

        string[] rest = args[1..];
        switch (args[0])
        {
            case "memory":
                return MemoryCommand.Run(rest, stdout, stderr);
            case "kyaml":
                return KyamlCommand.Run(rest, stdout, stderr);
            case "pqc":
                return PqcCommand.Run(rest, stdout, stderr);
            case "devices":
                return DevicesCommand.Run(rest, stdout, stderr);
            case "-h":
            case "--help":
            case "help":
                stdout.Write(Usage);
                return Success;
            default:
                stderr.WriteLine($"kubekit: unknown command '{args[0]}'; run 'kubekit --help'");
                return BadInput;
        }
    }

    private const string Usage = """
        kubekit: tools for Kubernetes node and platform engineers

        usage:
          kubekit                      node memory report for this machine (same as 'kubekit memory')
          kubekit memory [options]     zone watermarks, swap window and kubelet eviction placement
          kubekit kyaml [options]      convert YAML or JSON to KYAML, check KYAML files
          kubekit pqc <probe|selftest> post-quantum TLS (X25519MLKEM768) probe and fragmentation tester
          kubekit devices [command]    accelerator health: XID logs, nvidia-smi, stragglers, simulator

        Each command accepts --help.

        """;
}
