using System.Globalization;
using PqcTls.Handshake;

namespace PqcTls.Probing;

/// <summary>
/// Probes a TLS server's post-quantum readiness: which group a modern client gets, whether the hybrid secret is
/// verified, whether a classical-only offer is answered with a HelloRetryRequest to a hybrid, whether only the draft
/// Kyber code point is known, which ML-KEM hybrids work, and whether split ClientHellos are tolerated.
/// One TCP connection per check.
/// </summary>
public static class PqcProbe
{
    private static readonly TlsNamedGroup[] s_hybrids =
        [TlsNamedGroup.X25519MLKem768, TlsNamedGroup.SecP256r1MLKem768, TlsNamedGroup.SecP384r1MLKem1024];

    /// <summary>Runs every check against <paramref name="host"/>:<paramref name="port"/>.</summary>
    /// <param name="host">Host name or address.</param>
    /// <param name="port">TCP port.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The report; checks that failed carry their error instead of a result.</returns>
    public static async Task<PqcProbeReport> RunAsync(string host, int port, PqcProbeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        options ??= new PqcProbeOptions();

        HandshakeCheckSummary main = await CheckAsync(host, port, options,
            "X25519MLKEM768, x25519, secp256r1 (shares: X25519MLKEM768, x25519)",
            [TlsNamedGroup.X25519MLKem768, TlsNamedGroup.X25519,
                TlsNamedGroup.Secp256r1], [TlsNamedGroup.X25519MLKem768, TlsNamedGroup.X25519],
            cancellationToken).ConfigureAwait(false);
        HandshakeCheckSummary classical = await CheckAsync(host, port, options, "X25519MLKEM768, x25519 (share: x25519)",
            [TlsNamedGroup.X25519MLKem768,
                TlsNamedGroup.X25519], [TlsNamedGroup.X25519], cancellationToken).ConfigureAwait(false);
        HandshakeCheckSummary draft = await CheckAsync(host, port, options, "X25519Kyber768Draft00, x25519 (shares: both)",
            [TlsNamedGroup.X25519Kyber768Draft00, TlsNamedGroup.X25519], [TlsNamedGroup.X25519Kyber768Draft00,
                TlsNamedGroup.X25519],
            cancellationToken).ConfigureAwait(false);
        var hybrids = new List<HandshakeCheckSummary>();
        foreach (TlsNamedGroup hybrid in s_hybrids)
        {
            hybrids.Add(await CheckAsync(host, port, options, TlsNamedGroups.GetName(hybrid) + " only", [hybrid],
                [hybrid], cancellationToken).ConfigureAwait(false));
        }

        FragmentationReport? fragmentation = null;
        string? error = main.Error;
        if (options.TestFragmentation)
        {
            var fragmentationOptions = new FragmentationTesterOptions
            {
                ServerName = options.ServerName,
                Full = options.FullFragmentation,
                Timeout = options.Timeout,
                TimeProvider = options.TimeProvider,
            };
            if (main.NegotiatedGroup is { } group && group != TlsNamedGroup.X25519MLKem768
                && TlsNamedGroups.IsSupported(group))
            {
                fragmentationOptions.Groups.Clear();
                fragmentationOptions.Groups.Add(TlsNamedGroup.X25519MLKem768);
                fragmentationOptions.Groups.Add(group);
            }
            else if (main.NegotiatedGroup is null
                && hybrids.FirstOrDefault(h => h.NegotiatedGroup is not null) is { NegotiatedGroup: { } only })
            {
                // The modern offer failed but one hybrid alone works (a SecP256r1MLKEM768-only server): split hellos
                // that offer it, or every case, the unsplit control included, fails for a reason unrelated to splits.
                fragmentationOptions.Groups.Clear();
                fragmentationOptions.Groups.Add(only);
            }

            try
            {
                fragmentation = await FragmentationTester.RunAsync(host, port, fragmentationOptions,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (PqcTlsException e)
            {
                error ??= "fragmentation: " + e.Message;
            }
        }

        return new PqcProbeReport
        {
            Target = string.Create(CultureInfo.InvariantCulture, $"{host}:{port}"),
            Default = main,
            ClassicalOffer = classical,
            DraftKyberOffer = draft,
            Hybrids = hybrids,
            Fragmentation = fragmentation,
            Error = error,
        };
    }

    private static async Task<HandshakeCheckSummary> CheckAsync(string host, int port, PqcProbeOptions options, string offer,
        TlsNamedGroup[] supported, TlsNamedGroup[] shares, CancellationToken cancellationToken)
    {
        var check = new HandshakeCheckOptions
        {
            ServerName = options.ServerName,
            Timeout = options.Timeout,
            TimeProvider = options.TimeProvider,
        };
        check.SupportedGroups.Clear();
        check.KeyShareGroups.Clear();
        foreach (TlsNamedGroup group in supported)
        {
            check.SupportedGroups.Add(group);
        }

        foreach (TlsNamedGroup group in shares)
        {
            check.KeyShareGroups.Add(group);
        }

        try
        {
            HandshakeCheckResult result = await HandshakeCheck.RunAsync(host, port, check,
                cancellationToken).ConfigureAwait(false);
            return new HandshakeCheckSummary(offer, result, null);
        }
        catch (PqcTlsException e)
        {
            return new HandshakeCheckSummary(offer, null, e.Message);
        }
    }
}
