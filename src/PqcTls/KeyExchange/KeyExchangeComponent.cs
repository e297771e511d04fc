namespace PqcTls.KeyExchange;

/// <summary>
/// One part of a (hybrid) group: ML-KEM, X25519 or NIST-curve ECDH. A group concatenates its components' shares and
/// secrets in its own order.
/// </summary>
internal abstract class KeyExchangeComponent
{
    /// <summary>Gets the component's name for messages, for example "ML-KEM-768".</summary>
    public abstract string Name { get; }

    /// <summary>Gets the length of the component's part of the client share.</summary>
    public abstract int ClientShareLength { get; }

    /// <summary>Gets the length of the component's part of the server share.</summary>
    public abstract int ServerShareLength { get; }

    /// <summary>Gets the length of the component's part of the shared secret.</summary>
    public abstract int SecretLength { get; }

    /// <summary>Gets the length of the fixed client randomness the deterministic path takes.</summary>
    public abstract int ClientSeedLength { get; }

    /// <summary>Gets the length of the fixed server randomness the deterministic path takes.</summary>
    public abstract int ServerSeedLength { get; }

    /// <summary>Creates the client's private key and writes its public part of the share.</summary>
    /// <param name="seed">Fixed randomness (<see cref="ClientSeedLength"/> bytes) or empty for fresh randomness.</param>
    /// <param name="clientShare">Receives <see cref="ClientShareLength"/> bytes.</param>
    /// <returns>The private key.</returns>
    public abstract KeyExchangeComponentKey CreateClientKey(ReadOnlySpan<byte> seed, Span<byte> clientShare);

    /// <summary>Validates the client's part, then writes the server's part and the component secret.</summary>
    /// <param name="clientShare">The client's part, exactly <see cref="ClientShareLength"/> bytes.</param>
    /// <param name="seed">Fixed randomness (<see cref="ServerSeedLength"/> bytes) or empty for fresh randomness.</param>
    /// <param name="serverShare">Receives <see cref="ServerShareLength"/> bytes.</param>
    /// <param name="secret">Receives <see cref="SecretLength"/> bytes.</param>
    /// <param name="context">Where the client part sits, for errors.</param>
    public abstract void Respond(
        ReadOnlySpan<byte> clientShare,
        ReadOnlySpan<byte> seed,
        Span<byte> serverShare,
        Span<byte> secret,
        in KeyShareContext context);
}
