using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Kubekit.Pqc;

/// <summary>The parsed arguments of 'kubekit pqc'.</summary>
internal sealed class PqcArguments
{
    public bool SelfTest { get; private set; }

    public bool Help { get; private set; }

    public string? Host { get; private set; }

    public int Port { get; private set; }

    public string? ServerName { get; private set; }

    public bool Json { get; private set; }

    public bool Full { get; private set; }

    public bool Fragmentation { get; private set; } = true;

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(5);

    public static bool TryParse(string[] args, [NotNullWhen(true)] out PqcArguments? parsed,
        [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        var a = new PqcArguments();
        switch (args[0])
        {
            case "probe":
                break;
            case "selftest":
                a.SelfTest = true;
                break;
            default:
                error = $"unknown command '{args[0]}'; use 'probe' or 'selftest'";
                return false;
        }

        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    a.Help = true;
                    break;
                case "--json":
                    a.Json = true;
                    break;
                case "--full":
                    a.Full = true;
                    break;
                case "--quick":
                    a.Full = false;
                    break;
                case "--no-fragmentation":
                    a.Fragmentation = false;
                    break;
                case "--sni" when !a.SelfTest:
                    if (++i == args.Length || args[i].Length == 0)
                    {
                        error = "--sni needs a host name";
                        return false;
                    }

                    a.ServerName = args[i];
                    break;
                case "--timeout":
                    if (++i == args.Length || !int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture,
                        out int ms) || ms is < 1 or > 600_000)
                    {
                        error = "--timeout needs a number of milliseconds between 1 and 600000";
                        return false;
                    }

                    a.Timeout = TimeSpan.FromMilliseconds(ms);
                    break;
                default:
                    if (arg.StartsWith('-') || a.SelfTest || a.Host is not null)
                    {
                        error = $"unexpected argument '{arg}'";
                        return false;
                    }

                    if (!TrySplitEndpoint(arg, out string? host, out int port))
                    {
                        error = $"'{arg}' is not HOST:PORT (for IPv6 use [ADDRESS]:PORT; port 1-65535)";
                        return false;
                    }

                    a.Host = host;
                    a.Port = port;
                    break;
            }
        }

        if (!a.SelfTest && !a.Help && a.Host is null)
        {
            error = "probe needs HOST:PORT";
            return false;
        }

        if (a.Host is not null && a.ServerName is null && !IPAddress.TryParse(a.Host, out _))
        {
            a.ServerName = a.Host;
        }

        if (a.ServerName is not null && !IsHostName(a.ServerName))
        {
            error = $"--sni '{a.ServerName}' is not an ASCII host name";
            return false;
        }

        parsed = a;
        error = null;
        return true;
    }

    private static bool TrySplitEndpoint(string value, [NotNullWhen(true)] out string? host, out int port)
    {
        host = null;
        port = 0;
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            return false;
        }

        string h = value[..colon];
        if (h.StartsWith('['))
        {
            if (!h.EndsWith(']') || !IPAddress.TryParse(h[1..^1], out _))
            {
                return false;
            }

            h = h[1..^1];
        }
        else if (h.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        if (!int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        host = h;
        return true;
    }

    private static bool IsHostName(string name) =>
        name.Length is > 0 and <= 253 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');
}
