namespace Kubekit;

/// <summary>The 'memory' subcommand.</summary>
internal static class MemoryCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        stderr.WriteLine("kubekit memory: not available in this build");
        return Program.BadInput;
    }
}
