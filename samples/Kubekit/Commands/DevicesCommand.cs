namespace Kubekit;

/// <summary>The 'devices' subcommand.</summary>
internal static class DevicesCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        stderr.WriteLine("kubekit devices: not available in this build");
        return Program.BadInput;
    }
}
