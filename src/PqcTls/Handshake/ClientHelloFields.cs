using System.Buffers.Binary;

namespace PqcTls.Handshake;

/// <summary>
/// The positions of every ClientHello field this package understands, inside one contiguous handshake message
/// (offsets count from the handshake header's first byte). Filled by <see cref="ClientHelloParser"/>.
/// </summary>
internal struct ClientHelloFields
{
    public ushort LegacyVersion;
    public FieldRange Random;
    public FieldRange SessionId;
    public FieldRange CipherSuites;
    public FieldRange CompressionMethods;
    public FieldRange Extensions;
    public int ExtensionCount;

    /// <summary>The whole server_name extension, header included.</summary>
    public FieldRange ServerNameExtension;

    /// <summary>The host_name bytes of the first host_name entry.</summary>
    public FieldRange HostName;

    /// <summary>ALPN ProtocolNameList contents (without its 2-byte length).</summary>
    public FieldRange Alpn;

    /// <summary>supported_versions list contents (without its 1-byte length).</summary>
    public FieldRange SupportedVersions;

    /// <summary>supported_groups list contents (without its 2-byte length).</summary>
    public FieldRange SupportedGroups;

    /// <summary>The whole key_share extension, header included.</summary>
    public FieldRange KeyShareExtension;

    /// <summary>client_shares contents (without its 2-byte length).</summary>
    public FieldRange KeyShares;

    /// <summary>signature_algorithms list contents (without its 2-byte length).</summary>
    public FieldRange SignatureAlgorithms;

    /// <summary>psk_key_exchange_modes contents (without its 1-byte length).</summary>
    public FieldRange PskKeyExchangeModes;

    /// <summary>padding extension contents.</summary>
    public FieldRange Padding;

    /// <summary>cookie extension contents (the cookie value, without its 2-byte length).</summary>
    public FieldRange Cookie;

    /// <summary>Finds the key_exchange bytes of the first share for <paramref name="group"/>.</summary>
    public readonly FieldRange FindKeyShare(ReadOnlySpan<byte> message, ushort group)
    {
        if (!KeyShares.IsPresent)
        {
            return FieldRange.Absent;
        }

        ReadOnlySpan<byte> shares = KeyShares.Slice(message);
        int pos = 0;
        while (pos + 4 <= shares.Length)
        {
            ushort g = BinaryPrimitives.ReadUInt16BigEndian(shares[pos..]);
            int len = BinaryPrimitives.ReadUInt16BigEndian(shares[(pos + 2)..]);
            if (g == group)
            {
                return new FieldRange(KeyShares.Offset + pos + 4, len);
            }

            pos += 4 + len;
        }

        return FieldRange.Absent;
    }
}
