using System.Buffers.Binary;
using System.Text;

namespace PqcTls.Handshake;

/// <summary>
/// A parsed ClientHello with every field copied out. Create one with <see cref="Parse"/> or
/// <see cref="ClientHelloReader.ToClientHello"/>; for allocation-free inspection use <see cref="ClientHelloReader"/>.
/// </summary>
public sealed class ClientHello
{
    private ClientHello(ReadOnlySpan<byte> message, in ClientHelloFields f)
    {
        Message = message.ToArray();
        LegacyVersion = f.LegacyVersion;
        Random = f.Random.Slice(message).ToArray();
        SessionId = f.SessionId.Slice(message).ToArray();
        CipherSuites = ReadUInt16List(f.CipherSuites.Slice(message));
        ServerName = f.HostName.IsPresent ? Encoding.ASCII.GetString(f.HostName.Slice(message)) : null;
        ApplicationProtocols = ReadAlpn(f.Alpn.Slice(message));
        SupportedVersions = ReadUInt16List(f.SupportedVersions.Slice(message));
        SupportedGroups = ReadUInt16List(f.SupportedGroups.Slice(message)).Select(g => (TlsNamedGroup)g).ToArray();
        SignatureAlgorithms = ReadUInt16List(f.SignatureAlgorithms.Slice(message));
        PskKeyExchangeModes = f.PskKeyExchangeModes.Slice(message).ToArray();
        KeyShares = ReadKeyShares(f.KeyShares.Slice(message));
        PaddingLength = f.Padding.IsPresent ? f.Padding.Length : -1;
        Cookie = f.Cookie.Slice(message).ToArray();
        ExtensionTypes = ReadExtensionTypes(f.Extensions.Slice(message));
    }

    /// <summary>Gets the whole handshake message, header included.</summary>
    public ReadOnlyMemory<byte> Message { get; }

    /// <summary>Gets legacy_version (0x0303 for TLS 1.3).</summary>
    public ushort LegacyVersion { get; }

    /// <summary>Gets the 32-byte random.</summary>
    public ReadOnlyMemory<byte> Random { get; }

    /// <summary>Gets legacy_session_id.</summary>
    public ReadOnlyMemory<byte> SessionId { get; }

    /// <summary>Gets the offered cipher suites, GREASE values included.</summary>
    public IReadOnlyList<ushort> CipherSuites { get; }

    /// <summary>Gets the host_name from server_name, or <see langword="null"/>.</summary>
    public string? ServerName { get; }

    /// <summary>Gets the ALPN protocol names.</summary>
    public IReadOnlyList<string> ApplicationProtocols { get; }

    /// <summary>Gets supported_versions, GREASE values included.</summary>
    public IReadOnlyList<ushort> SupportedVersions { get; }

    /// <summary>Gets supported_groups, GREASE values included.</summary>
    public IReadOnlyList<TlsNamedGroup> SupportedGroups { get; }

    /// <summary>Gets signature_algorithms.</summary>
    public IReadOnlyList<ushort> SignatureAlgorithms { get; }

    /// <summary>Gets psk_key_exchange_modes.</summary>
    public ReadOnlyMemory<byte> PskKeyExchangeModes { get; }

    /// <summary>Gets the key shares, GREASE entries included.</summary>
    public IReadOnlyList<TlsKeyShare> KeyShares { get; }

    /// <summary>Gets the number of bytes in the padding extension, or -1 when it is absent.</summary>
    public int PaddingLength { get; }

    /// <summary>Gets the cookie echoed from a HelloRetryRequest (empty when absent).</summary>
    public ReadOnlyMemory<byte> Cookie { get; }

    /// <summary>Gets the extension types in wire order.</summary>
    public IReadOnlyList<ushort> ExtensionTypes { get; }

    /// <summary>Parses one complete ClientHello handshake message (4-byte handshake header included).</summary>
    /// <param name="message">The handshake message.</param>
    /// <returns>The parsed ClientHello.</returns>
    /// <exception cref="PqcTlsException">The message is malformed; the exception carries the alert and
    /// offset.</exception>
    public static ClientHello Parse(ReadOnlySpan<byte> message)
    {
        if (message.Length > ClientHelloReaderOptions.MaxAllowedClientHelloLength)
        {
            throw new PqcTlsException("The ClientHello is longer than 2^24 - 1 bytes.", TlsAlertDescription.DecodeError, 0);
        }

        if (!ClientHelloParser.TryParse(message, out ClientHelloFields fields, out ParseError error))
        {
            throw error.ToException(error.Offset);
        }

        return new ClientHello(message, fields);
    }

    /// <summary>Tells whether a 16-bit code point is a reserved GREASE value (RFC 8701).</summary>
    /// <param name="value">A cipher suite, group, version or extension code point.</param>
    /// <returns><see langword="true"/> for 0x0A0A, 0x1A1A, ..., 0xFAFA.</returns>
    public static bool IsGrease(ushort value) => TlsExtensionType.IsGrease(value);

    internal static ClientHello Create(ReadOnlySpan<byte> message, in ClientHelloFields fields) => new(message, fields);

    private static ushort[] ReadUInt16List(ReadOnlySpan<byte> data)
    {
        var list = new ushort[data.Length / 2];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(2 * i)..]);
        }

        return list;
    }

    private static string[] ReadAlpn(ReadOnlySpan<byte> data)
    {
        var list = new List<string>();
        int pos = 0;
        while (pos < data.Length)
        {
            int length = data[pos];
            list.Add(Encoding.UTF8.GetString(data.Slice(pos + 1, length)));
            pos += 1 + length;
        }

        return list.ToArray();
    }

    private static TlsKeyShare[] ReadKeyShares(ReadOnlySpan<byte> data)
    {
        var list = new List<TlsKeyShare>();
        int pos = 0;
        while (pos < data.Length)
        {
            var group = (TlsNamedGroup)BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            list.Add(new TlsKeyShare(group, data.Slice(pos + 4, length).ToArray()));
            pos += 4 + length;
        }

        return list.ToArray();
    }

    private static ushort[] ReadExtensionTypes(ReadOnlySpan<byte> data)
    {
        var list = new List<ushort>();
        int pos = 0;
        while (pos + 4 <= data.Length)
        {
            list.Add(BinaryPrimitives.ReadUInt16BigEndian(data[pos..]));
            pos += 4 + BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
        }

        return list.ToArray();
    }
}
