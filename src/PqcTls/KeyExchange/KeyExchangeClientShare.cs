using PqcTls.KeyExchange;

namespace PqcTls;

/// <summary>
/// The client's side of one key exchange: the public <c>key_exchange</c> bytes for the ClientHello and the private
/// keys that turn the server's share into the shared secret.
/// </summary>
/// <remarks>Not thread-safe. Use one share for one connection only; never reuse it.</remarks>
public sealed class KeyExchangeClientShare : IDisposable
{
    private readonly CompositeKeyExchangeGroup _group;
    private readonly byte[] _publicShare;
    private readonly KeyExchangeComponentKey[] _keys;
    private bool _disposed;

    internal KeyExchangeClientShare(CompositeKeyExchangeGroup group, byte[] publicShare, KeyExchangeComponentKey[] keys)
    {
        _group = group;
        _publicShare = publicShare;
        _keys = keys;
    }

    /// <summary>Gets the group.</summary>
    public TlsNamedGroup Group => _group.Group;

    /// <summary>Gets the <c>key_exchange</c> bytes of the client's KeyShareEntry.</summary>
    public ReadOnlySpan<byte> PublicShare => _publicShare;

    /// <summary>
    /// Runs the client's side with the server's share: ML-KEM decapsulation and ECDH, concatenated in the group's
    /// order.
    /// </summary>
    /// <param name="serverShare">The <c>key_exchange</c> bytes of the ServerHello's KeyShareEntry.</param>
    /// <returns>
    /// The shared secret (<see cref="KeyExchangeGroup.SharedSecretLength"/> bytes); the caller owns and zeroes it.
    /// </returns>
    /// <exception cref="PqcTlsException">
    /// The share has the wrong length, its ECDH point is invalid or its X25519 key gives an all-zero secret
    /// (illegal_parameter), or decapsulation failed (internal_error). A tampered ML-KEM ciphertext is not detected
    /// here: ML-KEM's implicit rejection returns an unrelated secret and the handshake fails later.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The share was disposed.</exception>
    public byte[] DeriveSharedSecret(ReadOnlySpan<byte> serverShare)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _group.DeriveSharedSecret(_keys, serverShare);
    }

    /// <summary>Zeroes the private keys.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            CompositeKeyExchangeGroup.DisposeAll(_keys);
        }
    }
}
