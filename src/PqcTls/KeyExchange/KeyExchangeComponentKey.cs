namespace PqcTls.KeyExchange;

/// <summary>The client's private key for one component, used once the server share arrives.</summary>
internal abstract class KeyExchangeComponentKey : IDisposable
{
    /// <summary>Validates the server's part and writes the component secret.</summary>
    /// <param name="serverShare">The server's part, exactly the component's server share length.</param>
    /// <param name="secret">Receives the component secret.</param>
    /// <param name="context">Where the server part sits, for errors.</param>
    public abstract void Complete(ReadOnlySpan<byte> serverShare, Span<byte> secret, in KeyShareContext context);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Zeroes or releases the private material.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);
}
