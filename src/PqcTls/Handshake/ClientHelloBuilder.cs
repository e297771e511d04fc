using System.Security.Cryptography;
using System.Text;
using PqcTls.Records;

namespace PqcTls.Handshake;

/// <summary>
/// Builds TLS 1.3 ClientHello messages: server_name, ALPN, supported_versions, supported_groups, key_share,
/// signature_algorithms, psk_key_exchange_modes, and optionally cookie, GREASE and padding.
/// </summary>
public static class ClientHelloBuilder
{
    private const ushort Tls13 = 0x0304;

    /// <summary>
    /// Builds the ClientHello handshake message (4-byte handshake header included, no record header).
    /// </summary>
    /// <param name="options">What to offer.</param>
    /// <param name="keyShares">The key shares, in supported_groups order.</param>
    /// <returns>The handshake message bytes.</returns>
    /// <exception cref="ArgumentException">The options are inconsistent (a share for a group that is not offered,
    /// shares out of order, a host name that is not ASCII, a field too long for its length prefix).</exception>
    public static byte[] BuildMessage(ClientHelloOptions options, IReadOnlyList<TlsKeyShare> keyShares)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyShares);
        Validate(options, keyShares);

        // GREASE values come from the random, so a second ClientHello after a HelloRetryRequest (same random) repeats them.
        Span<byte> greaseSeed = stackalloc byte[32];
        if (options.Random.Length == 32)
        {
            options.Random.Span.CopyTo(greaseSeed);
        }
        else
        {
            RandomNumberGenerator.Fill(greaseSeed);
        }

        Span<ushort> grease = stackalloc ushort[5];
        for (int i = 0; i < grease.Length; i++)
        {
            grease[i] = (ushort)(((greaseSeed[i] & 0xF0) | 0x0A) * 0x0101);
        }

        int shareBytes = 0;
        foreach (TlsKeyShare share in keyShares)
        {
            shareBytes += share.KeyExchange.Length + 4;
        }

        var w = new HandshakeWriter(512 + shareBytes + Math.Max(0, options.PadToLength));
        w.WriteByte(TlsHandshakeType.ClientHello);
        int messageLength = w.BeginLength(3);
        w.WriteUInt16(0x0303);
        WriteRandomOrGiven(w, options.Random, 32, nameof(options.Random));
        ReadOnlyMemory<byte> sessionId = options.SessionId ?? RandomNumberGenerator.GetBytes(32);
        w.WriteByte((byte)sessionId.Length);
        w.WriteBytes(sessionId.Span);

        int suites = w.BeginLength(2);
        if (options.UseGrease)
        {
            w.WriteUInt16(grease[0]);
        }

        foreach (ushort suite in options.CipherSuites)
        {
            w.WriteUInt16(suite);
        }

        w.EndLength(suites, 2);
        w.WriteByte(1);
        w.WriteByte(0);

        int extensions = w.BeginLength(2);
        if (options.UseGrease)
        {
            w.WriteUInt16(grease[1]);
            w.WriteUInt16(0);
        }

        WriteExtensions(w, options, keyShares, options.UseGrease ? grease[2] : (ushort)0, options.UseGrease
            ? grease[3] : (ushort)0);
        if (options.UseGrease)
        {
            ushort last = grease[4];
            if (last == grease[1])
            {
                last ^= 0x1010;
            }

            w.WriteUInt16(last);
            w.WriteUInt16(1);
            w.WriteByte(0);
        }

        if (options.PadToLength > 0 && w.Position < options.PadToLength)
        {
            // The extension header alone takes four bytes: when fewer are missing, the message ends up a little longer.
            w.WriteUInt16(TlsExtensionType.Padding);
            int pad = Math.Max(0, options.PadToLength - w.Position - 2);
            w.WriteUInt16((ushort)pad);
            w.WriteZeros(pad);
        }

        w.EndLength(extensions, 2);
        w.EndLength(messageLength, 3);
        return w.ToArray();
    }

    /// <summary>Builds the ClientHello and frames it in as few handshake records as the 2^14 limit allows.</summary>
    /// <param name="options">What to offer.</param>
    /// <param name="keyShares">The key shares, in supported_groups order.</param>
    /// <returns>The bytes to write to the socket.</returns>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static byte[] BuildRecords(ClientHelloOptions options, IReadOnlyList<TlsKeyShare> keyShares) =>
        TlsRecordLayer.FrameWhole(BuildMessage(options, keyShares));

    private static void WriteExtensions(HandshakeWriter w, ClientHelloOptions options,
        IReadOnlyList<TlsKeyShare> keyShares, ushort greaseGroup, ushort greaseVersion)
    {
        if (options.ServerName is { } host)
        {
            w.WriteUInt16(TlsExtensionType.ServerName);
            int ext = w.BeginLength(2);
            int list = w.BeginLength(2);
            w.WriteByte(0);
            int name = w.BeginLength(2);
            w.WriteBytes(Encoding.ASCII.GetBytes(host));
            w.EndLength(name, 2);
            w.EndLength(list, 2);
            w.EndLength(ext, 2);
        }

        w.WriteUInt16(TlsExtensionType.SupportedGroups);
        int groupsExt = w.BeginLength(2);
        int groups = w.BeginLength(2);
        if (greaseGroup != 0)
        {
            w.WriteUInt16(greaseGroup);
        }

        foreach (TlsNamedGroup group in options.SupportedGroups)
        {
            w.WriteUInt16((ushort)group);
        }

        w.EndLength(groups, 2);
        w.EndLength(groupsExt, 2);

        w.WriteUInt16(TlsExtensionType.SignatureAlgorithms);
        int sigExt = w.BeginLength(2);
        int sigs = w.BeginLength(2);
        foreach (ushort scheme in options.SignatureAlgorithms)
        {
            w.WriteUInt16(scheme);
        }

        w.EndLength(sigs, 2);
        w.EndLength(sigExt, 2);

        if (options.ApplicationProtocols.Count > 0)
        {
            w.WriteUInt16(TlsExtensionType.ApplicationLayerProtocolNegotiation);
            int alpnExt = w.BeginLength(2);
            int alpn = w.BeginLength(2);
            foreach (string protocol in options.ApplicationProtocols)
            {
                int item = w.BeginLength(1);
                w.WriteBytes(Encoding.UTF8.GetBytes(protocol));
                w.EndLength(item, 1);
            }

            w.EndLength(alpn, 2);
            w.EndLength(alpnExt, 2);
        }

        w.WriteUInt16(TlsExtensionType.SupportedVersions);
        w.WriteUInt16((ushort)(greaseVersion != 0 ? 5 : 3));
        w.WriteByte((byte)(greaseVersion != 0 ? 4 : 2));
        if (greaseVersion != 0)
        {
            w.WriteUInt16(greaseVersion);
        }

        w.WriteUInt16(Tls13);

        if (!options.Cookie.IsEmpty)
        {
            w.WriteUInt16(TlsExtensionType.Cookie);
            int cookieExt = w.BeginLength(2);
            int cookie = w.BeginLength(2);
            w.WriteBytes(options.Cookie.Span);
            w.EndLength(cookie, 2);
            w.EndLength(cookieExt, 2);
        }

        w.WriteUInt16(TlsExtensionType.PskKeyExchangeModes);
        w.WriteUInt16(2);
        w.WriteByte(1);
        w.WriteByte(1);

        w.WriteUInt16(TlsExtensionType.KeyShare);
        int shareExt = w.BeginLength(2);
        int shares = w.BeginLength(2);
        if (greaseGroup != 0 && !options.OmitGreaseKeyShare)
        {
            w.WriteUInt16(greaseGroup);
            w.WriteUInt16(1);
            w.WriteByte(0);
        }

        foreach (TlsKeyShare share in keyShares)
        {
            w.WriteUInt16((ushort)share.Group);
            int entry = w.BeginLength(2);
            w.WriteBytes(share.KeyExchange.Span);
            w.EndLength(entry, 2);
        }

        w.EndLength(shares, 2);
        w.EndLength(shareExt, 2);
    }

    private static void WriteRandomOrGiven(HandshakeWriter w, ReadOnlyMemory<byte> given, int length, string name)
    {
        if (given.IsEmpty)
        {
            Span<byte> random = stackalloc byte[length];
            RandomNumberGenerator.Fill(random);
            w.WriteBytes(random);
            return;
        }

        if (given.Length != length)
        {
            throw new ArgumentException($"{name} must be {length} bytes, not {given.Length}.", name);
        }

        w.WriteBytes(given.Span);
    }

    private static void Validate(ClientHelloOptions options, IReadOnlyList<TlsKeyShare> keyShares)
    {
        if (options.SessionId is { Length: > 32 })
        {
            throw new ArgumentException("SessionId must be at most 32 bytes.", nameof(options));
        }

        if (options.CipherSuites.Count == 0 || options.SupportedGroups.Count == 0 || options.SignatureAlgorithms.Count == 0)
        {
            throw new ArgumentException("CipherSuites, SupportedGroups and SignatureAlgorithms must not be empty.",
                nameof(options));
        }

        if (options.ServerName is { } host && !IsValidHostName(host))
        {
            throw new ArgumentException($"ServerName '{host}' is not an ASCII host name of 1 to 253 letters, digits, '-', '_' and '.'.", nameof(options));
        }

        foreach (string protocol in options.ApplicationProtocols)
        {
            int length = Encoding.UTF8.GetByteCount(protocol);
            if (length is 0 or > 255)
            {
                throw new ArgumentException($"ALPN protocol '{protocol}' must be 1 to 255 bytes of UTF-8.", nameof(options));
            }
        }

        int previous = -1;
        for (int i = 0; i < keyShares.Count; i++)
        {
            int index = options.SupportedGroups.IndexOf(keyShares[i].Group);
            if (index < 0)
            {
                throw new ArgumentException($"Key share {i} is for {TlsNamedGroups.GetName(keyShares[i].Group)}, which supported_groups does not list.", nameof(keyShares));
            }

            if (index <= previous)
            {
                throw new ArgumentException("Key shares must follow the supported_groups order, one per group.",
                    nameof(keyShares));
            }

            if (keyShares[i].KeyExchange.IsEmpty)
            {
                throw new ArgumentException($"Key share {i} is empty.", nameof(keyShares));
            }

            previous = index;
        }
    }

    private static bool IsValidHostName(string host)
    {
        if (host.Length is 0 or > 253)
        {
            return false;
        }

        foreach (char c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
