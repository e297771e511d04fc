using System.Globalization;
using System.Net;
using Kubekit.Pqc;
using PqcTls;
using PqcTls.Probing;

namespace Kubekit;

/// <summary>
/// The 'pqc' subcommand: probe a server's post-quantum TLS readiness, or self-test against an embedded server.
/// </summary>
internal static class PqcCommand
{
    private const string Usage = """
        usage:
          kubekit pqc probe HOST:PORT [--sni NAME] [--json] [--timeout MS] [--full | --quick] [--no-fragmentation]
          kubekit pqc selftest [--json] [--timeout MS] [--full | --quick]

        probe     connects to HOST:PORT and reports the negotiated key exchange group, whether it is a
                  post-quantum hybrid, whether the hybrid secret was verified (EncryptedExtensions decrypted),
                  whether a classical-only offer gets a HelloRetryRequest to a hybrid, whether only the draft
                  Kyber code point (0x6399) is known, and whether split ClientHellos are tolerated.
        selftest  runs the same probe against an embedded loopback TLS 1.3 server (BouncyCastle).

        --sni NAME      server_name to send (default: HOST when it is a name)
        --timeout MS    time allowed for each network step (default 5000); a server's whole answer to one
                        check must arrive within 4 times that
        --quick         sampled fragmentation offsets, about 50 cases (default)
        --full          every fragmentation offset, about 3000 cases (minutes)
        --json          machine-readable output
        This is a probe, not a TLS client: it validates no certificate and sends no application data.
        Exit codes: 0 hybrid negotiated, secret verified and fragmentation tolerated; 1 problems found; 2 bad usage.

        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.Write(Usage);
            return args.Length == 0 ? Program.BadInput : Program.Success;
        }

        if (!PqcArguments.TryParse(args, out PqcArguments? parsed, out string? error))
        {
            stderr.WriteLine("kubekit pqc: " + error);
            return Program.BadInput;
        }

        if (parsed.Help)
        {
            stdout.Write(Usage);
            return Program.Success;
        }

        try
        {
            PqcProbeReport report = parsed.SelfTest
                ? RunSelfTestAsync(parsed).GetAwaiter().GetResult()
                : PqcProbe.RunAsync(parsed.Host!, parsed.Port, Options(parsed)).GetAwaiter().GetResult();
            stdout.Write(parsed.Json ? PqcReportWriter.ToJson(report) : PqcReportWriter.ToText(report));
            bool good = report.Hybrid && report.SecretVerified && !report.DraftKyberOnly
                && report.Fragmentation is null or { Tolerant: true };
            return good ? Program.Success : Program.ProblemsFound;
        }
        catch (PqcTlsException e)
        {
            stderr.WriteLine("kubekit pqc: " + e.Message);
            return Program.ProblemsFound;
        }
    }

    private static PqcProbeOptions Options(PqcArguments a) => new()
    {
        ServerName = a.ServerName,
        Timeout = a.Timeout,
        TestFragmentation = a.Fragmentation,
        FullFragmentation = a.Full,
    };

    private static async Task<PqcProbeReport> RunSelfTestAsync(PqcArguments a)
    {
        await using var server = EmbeddedTlsServer.Start(
            [TlsNamedGroup.X25519MLKem768, TlsNamedGroup.SecP256r1MLKem768, TlsNamedGroup.SecP384r1MLKem1024,
                TlsNamedGroup.X25519]);
        PqcProbeOptions options = Options(a);
        options.ServerName ??= "localhost";
        return await PqcProbe.RunAsync(IPAddress.Loopback.ToString(), server.EndPoint.Port, options).ConfigureAwait(false);
    }
}
