using System.Buffers.Binary;
using System.Globalization;

namespace PqcTls.Handshake;

/// <summary>A parsed ServerHello or HelloRetryRequest (RFC 8446 section 4.1.3 and 4.1.4).</summary>
internal sealed class ServerHello
{
    /// <summary>SHA-256("HelloRetryRequest"): the random that marks a HelloRetryRequest.</summary>
    private static readonly byte[] s_helloRetryRandom = Convert.FromHexString(
        "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private ServerHello()
    {
    }

    public bool IsHelloRetryRequest { get; private init; }

    public ushort CipherSuite { get; private init; }

    public ushort SelectedVersion { get; private init; }

    public TlsNamedGroup? Group { get; private init; }

    public byte[] KeyExchange { get; private init; } = [];

    public byte[] Cookie { get; private init; } = [];

    public byte[] SessionIdEcho { get; private init; } = [];

    /// <summary>
    /// Parses a ServerHello handshake message (header included). <paramref name="wireOffset"/> maps message offsets
    /// for errors.
    /// </summary>
    public static ServerHello Parse(ReadOnlySpan<byte> message, Func<int, long> wireOffset)
    {
        var r = new Reader(message, wireOffset);
        r.Expect(message.Length >= 4 && message[0] == TlsHandshakeType.ServerHello, 0, TlsAlertDescription.UnexpectedMessage,
            "Expected a ServerHello (handshake type 2)");
        r.Skip(4);
        r.ReadUInt16();
        ReadOnlySpan<byte> random = r.Read(32);
        bool hrr = random.SequenceEqual(s_helloRetryRandom);
        byte[] sessionId = r.Read(r.ReadByte()).ToArray();
        ushort suite = r.ReadUInt16();
        int compressionAt = r.Position;
        r.Expect(r.ReadByte() == 0, compressionAt, TlsAlertDescription.IllegalParameter,
            "legacy_compression_method must be 0");
        int extensionsAt = r.Position;
        int extensionsLength = r.ReadUInt16();
        r.Expect(extensionsLength == r.Remaining, extensionsAt, TlsAlertDescription.DecodeError,
            "The extensions length does not match the rest of the ServerHello");

        ushort version = 0;
        TlsNamedGroup? group = null;
        byte[] keyExchange = [];
        byte[] cookie = [];
        while (r.Remaining > 0)
        {
            int at = r.Position;
            ushort type = r.ReadUInt16();
            int length = r.ReadUInt16();
            int end = r.Position + length;
            r.Expect(length <= r.Remaining, at + 2, TlsAlertDescription.DecodeError,
                "An extension runs past the end of the ServerHello");
            switch (type)
            {
                case TlsExtensionType.SupportedVersions:
                    r.Expect(length == 2, at + 2, TlsAlertDescription.DecodeError,
                        "supported_versions in a ServerHello must be 2 bytes");
                    version = r.ReadUInt16();
                    break;
                case TlsExtensionType.KeyShare when hrr:
                    r.Expect(length == 2, at + 2, TlsAlertDescription.DecodeError,
                        "key_share in a HelloRetryRequest must be 2 bytes");
                    group = (TlsNamedGroup)r.ReadUInt16();
                    break;
                case TlsExtensionType.KeyShare:
                    r.Expect(length >= 4, at + 2, TlsAlertDescription.DecodeError,
                        "key_share in a ServerHello must hold one KeyShareEntry");
                    group = (TlsNamedGroup)r.ReadUInt16();
                    int shareAt = r.Position;
                    int shareLength = r.ReadUInt16();
                    r.Expect(shareLength == length - 4 && shareLength > 0, shareAt, TlsAlertDescription.DecodeError,
                        "The KeyShareEntry length does not match the key_share extension");
                    keyExchange = r.Read(shareLength).ToArray();
                    break;
                case TlsExtensionType.Cookie when hrr:
                    int cookieAt = r.Position;
                    int cookieLength = r.ReadUInt16();
                    r.Expect(cookieLength == length - 2 && cookieLength > 0, cookieAt, TlsAlertDescription.DecodeError,
                        "The cookie length does not match the cookie extension");
                    cookie = r.Read(cookieLength).ToArray();
                    break;
                default:
                    r.Skip(length);
                    break;
            }

            r.Expect(r.Position == end, at, TlsAlertDescription.DecodeError,
                "An extension's contents do not match its length");
        }

        r.Expect(version == 0x0304, extensionsAt, TlsAlertDescription.ProtocolVersion,
            string.Create(CultureInfo.InvariantCulture,
                $"The server did not select TLS 1.3 (supported_versions = 0x{version:X4})"));
        r.Expect(group is not null, extensionsAt, TlsAlertDescription.MissingExtension,
            hrr ? "The HelloRetryRequest names no group" : "The ServerHello has no key_share");

        return new ServerHello
        {
            IsHelloRetryRequest = hrr,
            CipherSuite = suite,
            SelectedVersion = version,
            Group = group,
            KeyExchange = keyExchange,
            Cookie = cookie,
            SessionIdEcho = sessionId,
        };
    }

    private ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly Func<int, long> _wireOffset;

        public Reader(ReadOnlySpan<byte> data, Func<int, long> wireOffset)
        {
            _data = data;
            _wireOffset = wireOffset;
            Position = 0;
        }

        public int Position { get; private set; }

        public readonly int Remaining => _data.Length - Position;

        public readonly void Expect(bool condition, int offset, TlsAlertDescription alert, string message)
        {
            if (!condition)
            {
                long at = _wireOffset(offset);
                throw new PqcTlsException(string.Create(CultureInfo.InvariantCulture, $"{message} (at byte {at})."),
                    alert, at);
            }
        }

        public byte ReadByte() => Read(1)[0];

        public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Read(2));

        public void Skip(int count) => Read(count);

        public ReadOnlySpan<byte> Read(int count)
        {
            Expect(count <= Remaining, Position, TlsAlertDescription.DecodeError, "The ServerHello ends early");
            ReadOnlySpan<byte> slice = _data.Slice(Position, count);
            Position += count;
            return slice;
        }
    }
}
