using PqcTls.Handshake;

namespace PqcTls.Probing;

/// <summary>One handshake check of a probe: what was offered and what came back.</summary>
public sealed class HandshakeCheckSummary
{
    internal HandshakeCheckSummary(string offer, HandshakeCheckResult? result, string? error)
    {
        Offer = offer;
        Result = result;
        Error = error;
    }

    /// <summary>Gets a short description of what was offered.</summary>
    public string Offer { get; }

    /// <summary>Gets the check's result, or <see langword="null"/> when it failed with an error.</summary>
    public HandshakeCheckResult? Result { get; }

    /// <summary>Gets the error message when the check failed.</summary>
    public string? Error { get; }

    /// <summary>Gets the negotiated group, or <see langword="null"/>.</summary>
    public TlsNamedGroup? NegotiatedGroup => Result?.NegotiatedGroup;

    /// <summary>Gets the group a HelloRetryRequest asked for, or <see langword="null"/>.</summary>
    public TlsNamedGroup? HelloRetryGroup => Result?.HelloRetryGroup;

    /// <summary>Gets a value that tells whether the shared secret was proven.</summary>
    public bool SecretVerified => Result?.SecretVerified == true;
}
