namespace Kubekit;

/// <summary>The 'kyaml' subcommand.</summary>
internal static class KyamlCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        stderr.WriteLine("kubekit kyaml: not available in this build");
        return Program.BadInput;
    }
}
