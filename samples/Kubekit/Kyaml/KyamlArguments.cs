namespace Kubekit.Kyaml;

/// <summary>Parsed arguments of 'kubekit kyaml' in conversion mode.</summary>
internal sealed class KyamlArguments
{
    public const string Usage = """
        usage:
          kubekit kyaml [--compact] [--kubectl] [--reference-compatible] [FILE|-]
              convert YAML or JSON (a file, or standard input for '-' or no FILE) to KYAML on standard output
          kubekit kyaml --check FILE...
              check that files are strict KYAML; one 'file:line:column: message' line per problem, exit 1 if any
          kubekit kyaml --to-json [FILE|-]
              convert KYAML to JSON

        options:
          --compact               one line per document, no comments
          --kubectl               what 'kubectl get -o kyaml' prints: keys sorted, YAML 1.1 booleans, no comments
          --reference-compatible  reproduce the reference encoder byte for byte, including its known defects

        """;

    public bool Compact { get; private set; }

    public bool Kubectl { get; private set; }

    public bool ReferenceCompatible { get; private set; }

    public bool Help { get; private set; }

    public string Input { get; private set; } = "-";

    /// <summary>Parses conversion-mode arguments; returns an error message, or null when they are valid.</summary>
    public static string? TryParse(string[] args, out KyamlArguments result)
    {
        result = new KyamlArguments();
        string? file = null;
        foreach (string arg in args)
        {
            switch (arg)
            {
                case "--compact":
                    result.Compact = true;
                    break;
                case "--kubectl":
                    result.Kubectl = true;
                    break;
                case "--reference-compatible":
                    result.ReferenceCompatible = true;
                    break;
                case "-h" or "--help":
                    result.Help = true;
                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal))
                    {
                        return $"unknown option '{arg}'; run 'kubekit kyaml --help'";
                    }

                    if (file is not null)
                    {
                        return "only one input file can be converted at a time";
                    }

                    file = arg;
                    break;
            }
        }

        result.Input = file ?? "-";
        return null;
    }
}
