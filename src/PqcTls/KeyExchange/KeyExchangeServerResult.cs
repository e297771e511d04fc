using System.Security.Cryptography;

namespace PqcTls;

/// <summary>The server's side of one key exchange: its <c>key_exchange</c> bytes and the shared secret.</summary>
public sealed class KeyExchangeServerResult : IDisposable
{
    private readonly byte[] _serverShare;
    private readonly byte[] _sharedSecret;
    private bool _disposed;

    internal KeyExchangeServerResult(TlsNamedGroup group, byte[] serverShare, byte[] sharedSecret)
    {
        Group = group;
        _serverShare = serverShare;
        _sharedSecret = sharedSecret;
    }

    /// <summary>Gets the group.</summary>
    public TlsNamedGroup Group { get; }

    /// <summary>Gets the <c>key_exchange</c> bytes of the ServerHello's KeyShareEntry.</summary>
    public ReadOnlySpan<byte> ServerShare => _serverShare;

    /// <summary>Gets the shared secret in the group's order.</summary>
    /// <exception cref="ObjectDisposedException">The result was disposed (the secret is zeroed).</exception>
    public ReadOnlySpan<byte> SharedSecret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _sharedSecret;
        }
    }

    /// <summary>Zeroes the shared secret.</summary>
    public void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_sharedSecret);
    }
}
