namespace PqcTls.Handshake;

/// <summary>One KeyShareEntry: a named group and the raw <c>key_exchange</c> bytes offered for it.</summary>
public readonly struct TlsKeyShare : IEquatable<TlsKeyShare>
{
    /// <summary>Creates a key share entry.</summary>
    /// <param name="group">The named group.</param>
    /// <param name="keyExchange">The raw key_exchange bytes (for X25519MLKEM768 from a client: 1216 bytes).</param>
    public TlsKeyShare(TlsNamedGroup group, ReadOnlyMemory<byte> keyExchange)
    {
        Group = group;
        KeyExchange = keyExchange;
    }

    /// <summary>Gets the named group.</summary>
    public TlsNamedGroup Group { get; }

    /// <summary>Gets the raw key_exchange bytes.</summary>
    public ReadOnlyMemory<byte> KeyExchange { get; }

    /// <summary>Compares two entries by group and bytes.</summary>
    public static bool operator ==(TlsKeyShare left, TlsKeyShare right) => left.Equals(right);

    /// <summary>Compares two entries by group and bytes.</summary>
    public static bool operator !=(TlsKeyShare left, TlsKeyShare right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(TlsKeyShare other) => Group == other.Group && KeyExchange.Span.SequenceEqual(other.KeyExchange.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TlsKeyShare other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Group, KeyExchange.Length);

    /// <inheritdoc/>
    public override string ToString() => $"{TlsNamedGroups.GetName(Group)} ({KeyExchange.Length} bytes)";
}
