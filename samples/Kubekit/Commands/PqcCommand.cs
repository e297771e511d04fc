namespace Kubekit;

/// <summary>The 'pqc' subcommand.</summary>
internal static class PqcCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        stderr.WriteLine("kubekit pqc: not available in this build");
        return Program.BadInput;
    }
}
