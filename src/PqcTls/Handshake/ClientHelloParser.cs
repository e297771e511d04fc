using System.Buffers.Binary;

namespace PqcTls.Handshake;

/// <summary>
/// Validates one complete, contiguous ClientHello handshake message (header included) and records where its
/// fields are. Allocation-free: errors come back as a <see cref="ParseError"/> whose message is a constant.
/// </summary>
internal static class ClientHelloParser
{
    /// <summary>The most extensions one ClientHello may carry before it is rejected.</summary>
    public const int MaxExtensions = 128;

    public static bool TryParse(ReadOnlySpan<byte> message, out ClientHelloFields fields, out ParseError error)
    {
        fields = default;
        fields.ServerNameExtension = FieldRange.Absent;
        fields.HostName = FieldRange.Absent;
        fields.Alpn = FieldRange.Absent;
        fields.SupportedVersions = FieldRange.Absent;
        fields.SupportedGroups = FieldRange.Absent;
        fields.KeyShareExtension = FieldRange.Absent;
        fields.KeyShares = FieldRange.Absent;
        fields.SignatureAlgorithms = FieldRange.Absent;
        fields.PskKeyExchangeModes = FieldRange.Absent;
        fields.Padding = FieldRange.Absent;
        fields.Cookie = FieldRange.Absent;
        fields.Extensions = FieldRange.Absent;
        error = default;

        if (message.Length < TlsHandshakeType.HeaderLength || message[0] != TlsHandshakeType.ClientHello)
        {
            error = new ParseError(TlsAlertDescription.UnexpectedMessage, 0,
                "Expected a ClientHello handshake message (type 1)");
            return false;
        }

        int declared = (message[1] << 16) | (message[2] << 8) | message[3];
        if (declared != message.Length - TlsHandshakeType.HeaderLength)
        {
            error = new ParseError(TlsAlertDescription.DecodeError, 1, "The handshake length does not match the message");
            return false;
        }

        int pos = TlsHandshakeType.HeaderLength;
        if (message.Length - pos < 2 + 32 + 1)
        {
            error = new ParseError(TlsAlertDescription.DecodeError, message.Length,
                "The ClientHello ends before legacy_version, random and legacy_session_id");
            return false;
        }

        fields.LegacyVersion = BinaryPrimitives.ReadUInt16BigEndian(message[pos..]);
        pos += 2;
        fields.Random = new FieldRange(pos, 32);
        pos += 32;

        int sessionIdLength = message[pos];
        if (sessionIdLength > 32)
        {
            error = new ParseError(TlsAlertDescription.DecodeError, pos, "legacy_session_id is longer than 32 bytes");
            return false;
        }

        if (!TrySlice(message, pos + 1, sessionIdLength, out fields.SessionId))
        {
            error = new ParseError(TlsAlertDescription.DecodeError, pos,
                "legacy_session_id runs past the end of the ClientHello");
            return false;
        }

        pos += 1 + sessionIdLength;
        if (!TryVector16(message, pos, out fields.CipherSuites) || fields.CipherSuites.Length < 2
            || (fields.CipherSuites.Length & 1) != 0)
        {
            error = new ParseError(TlsAlertDescription.DecodeError, pos,
                "cipher_suites must be an even, non-zero length that fits the ClientHello");
            return false;
        }

        pos = fields.CipherSuites.Offset + fields.CipherSuites.Length;
        if (pos >= message.Length || message[pos] == 0 || !TrySlice(message, pos + 1, message[pos],
            out fields.CompressionMethods))
        {
            error = new ParseError(TlsAlertDescription.DecodeError, pos,
                "legacy_compression_methods must hold 1 to 255 bytes that fit the ClientHello");
            return false;
        }

        pos += 1 + message[pos];
        if (pos == message.Length)
        {
            return true;
        }

        if (!TryVector16(message, pos, out fields.Extensions)
            || fields.Extensions.Offset + fields.Extensions.Length != message.Length)
        {
            error = new ParseError(TlsAlertDescription.DecodeError, pos,
                "The extensions block length does not match the rest of the ClientHello");
            return false;
        }

        return TryParseExtensions(message, ref fields, out error);
    }

    private static bool TryParseExtensions(ReadOnlySpan<byte> message, ref ClientHelloFields fields, out ParseError error)
    {
        error = default;
        Span<ushort> seen = stackalloc ushort[MaxExtensions];
        int count = 0;
        int pos = fields.Extensions.Offset;
        int end = pos + fields.Extensions.Length;
        while (pos < end)
        {
            if (end - pos < 4)
            {
                error = new ParseError(TlsAlertDescription.DecodeError, pos, "An extension header is truncated");
                return false;
            }

            ushort type = BinaryPrimitives.ReadUInt16BigEndian(message[pos..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(message[(pos + 2)..]);
            int data = pos + 4;
            if (length > end - data)
            {
                error = new ParseError(TlsAlertDescription.DecodeError, pos + 2,
                    "An extension runs past the end of the extensions block");
                return false;
            }

            if (count == MaxExtensions)
            {
                error = new ParseError(TlsAlertDescription.DecodeError, pos,
                    "The ClientHello carries more than 128 extensions");
                return false;
            }

            if (seen[..count].Contains(type))
            {
                error = new ParseError(TlsAlertDescription.IllegalParameter, pos, "An extension type appears twice");
                return false;
            }

            seen[count++] = type;
            if (type == TlsExtensionType.PreSharedKey && data + length != end)
            {
                error = new ParseError(TlsAlertDescription.IllegalParameter, pos,
                    "pre_shared_key must be the last extension");
                return false;
            }

            if (!TryParseExtension(message, type, pos, data, length, ref fields, out error))
            {
                return false;
            }

            pos = data + length;
        }

        fields.ExtensionCount = count;
        return true;
    }

    private static bool TryParseExtension(
        ReadOnlySpan<byte> message,
        ushort type,
        int header,
        int data,
        int length,
        ref ClientHelloFields fields,
        out ParseError error)
    {
        error = default;
        ReadOnlySpan<byte> body = message.Slice(data, length);
        switch (type)
        {
            case TlsExtensionType.ServerName:
                fields.ServerNameExtension = new FieldRange(header, length + 4);
                return TryParseServerName(body, data, ref fields, out error);

            case TlsExtensionType.ApplicationLayerProtocolNegotiation:
                if (!TryWholeVector16(body, data, out fields.Alpn) || fields.Alpn.Length < 2
                    || !AreLengthPrefixedItems(body[2..], 1))
                {
                    error = new ParseError(TlsAlertDescription.DecodeError, data,
                        "application_layer_protocol_negotiation is malformed");
                    return false;
                }

                return true;

            case TlsExtensionType.SupportedVersions:
                if (length < 1 || body[0] != length - 1 || body[0] < 2 || (body[0] & 1) != 0)
                {
                    error = new ParseError(TlsAlertDescription.DecodeError, data,
                        "supported_versions must hold an even list of 2 to 254 bytes");
                    return false;
                }

                fields.SupportedVersions = new FieldRange(data + 1, length - 1);
                return true;

            case TlsExtensionType.SupportedGroups:
                return TryEvenList16(body, data, "supported_groups", out fields.SupportedGroups, out error);

            case TlsExtensionType.SignatureAlgorithms:
                return TryEvenList16(body, data, "signature_algorithms", out fields.SignatureAlgorithms, out error);

            case TlsExtensionType.KeyShare:
                fields.KeyShareExtension = new FieldRange(header, length + 4);
                return TryParseKeyShares(body, data, ref fields, out error);

            case TlsExtensionType.PskKeyExchangeModes:
                if (length < 2 || body[0] != length - 1)
                {
                    error = new ParseError(TlsAlertDescription.DecodeError, data,
                        "psk_key_exchange_modes must hold 1 to 255 bytes");
                    return false;
                }

                fields.PskKeyExchangeModes = new FieldRange(data + 1, length - 1);
                return true;

            case TlsExtensionType.Padding:
                fields.Padding = new FieldRange(data, length);
                return true;

            case TlsExtensionType.Cookie:
                if (!TryWholeVector16(body, data, out fields.Cookie) || fields.Cookie.Length < 1)
                {
                    error = new ParseError(TlsAlertDescription.DecodeError, data, "cookie must hold 1 to 65535 bytes");
                    return false;
                }

                return true;

            default:
                return true;
        }
    }

    private static bool TryParseServerName(ReadOnlySpan<byte> body, int data, ref ClientHelloFields fields,
        out ParseError error)
    {
        error = default;
        if (!TryWholeVector16(body, data, out FieldRange list) || list.Length < 3)
        {
            error = new ParseError(TlsAlertDescription.DecodeError, data,
                "server_name must hold a non-empty ServerNameList");
            return false;
        }

        int pos = 2;
        while (pos < body.Length)
        {
            if (body.Length - pos < 3)
            {
                error = new ParseError(TlsAlertDescription.DecodeError, data + pos, "A ServerName entry is truncated");
                return false;
            }

            byte nameType = body[pos];
            int nameLength = BinaryPrimitives.ReadUInt16BigEndian(body[(pos + 1)..]);
            if (nameLength == 0 || nameLength > body.Length - pos - 3)
            {
                error = new ParseError(TlsAlertDescription.DecodeError, data + pos + 1,
                    "A ServerName entry has a zero length or runs past the extension");
                return false;
            }

            if (nameType == 0)
            {
                if (fields.HostName.IsPresent)
                {
                    error = new ParseError(TlsAlertDescription.IllegalParameter, data + pos,
                        "server_name holds two host_name entries");
                    return false;
                }

                fields.HostName = new FieldRange(data + pos + 3, nameLength);
            }

            pos += 3 + nameLength;
        }

        return true;
    }

    private static bool TryParseKeyShares(ReadOnlySpan<byte> body, int data, ref ClientHelloFields fields,
        out ParseError error)
    {
        error = default;
        if (!TryWholeVector16(body, data, out fields.KeyShares))
        {
            error = new ParseError(TlsAlertDescription.DecodeError, data,
                "key_share client_shares length does not match the extension");
            return false;
        }

        int pos = 2;
        Span<ushort> groups = stackalloc ushort[64];
        int count = 0;
        while (pos < body.Length)
        {
            if (body.Length - pos < 4)
            {
                error = new ParseError(TlsAlertDescription.DecodeError, data + pos, "A KeyShareEntry header is truncated");
                return false;
            }

            ushort group = BinaryPrimitives.ReadUInt16BigEndian(body[pos..]);
            int shareLength = BinaryPrimitives.ReadUInt16BigEndian(body[(pos + 2)..]);
            if (shareLength == 0 || shareLength > body.Length - pos - 4)
            {
                error = new ParseError(TlsAlertDescription.DecodeError, data + pos + 2,
                    "A KeyShareEntry has an empty key_exchange or runs past the extension");
                return false;
            }

            if (count == groups.Length || groups[..count].Contains(group))
            {
                error = new ParseError(TlsAlertDescription.IllegalParameter, data + pos,
                    "key_share offers one group twice or more than 64 shares");
                return false;
            }

            groups[count++] = group;
            pos += 4 + shareLength;
        }

        return true;
    }

    private static bool TryEvenList16(ReadOnlySpan<byte> body, int data, string name, out FieldRange range,
        out ParseError error)
    {
        error = default;
        if (!TryWholeVector16(body, data, out range) || range.Length < 2 || (range.Length & 1) != 0)
        {
            error = new ParseError(TlsAlertDescription.DecodeError, data, name == "supported_groups"
                ? "supported_groups must hold an even, non-empty list"
                : "signature_algorithms must hold an even, non-empty list");
            return false;
        }

        return true;
    }

    private static bool AreLengthPrefixedItems(ReadOnlySpan<byte> items, int minimum)
    {
        int pos = 0;
        while (pos < items.Length)
        {
            int length = items[pos];
            if (length < minimum || length > items.Length - pos - 1)
            {
                return false;
            }

            pos += 1 + length;
        }

        return true;
    }

    private static bool TrySlice(ReadOnlySpan<byte> message, int offset, int length, out FieldRange range)
    {
        if (offset > message.Length || length > message.Length - offset)
        {
            range = FieldRange.Absent;
            return false;
        }

        range = new FieldRange(offset, length);
        return true;
    }

    private static bool TryVector16(ReadOnlySpan<byte> message, int pos, out FieldRange range)
    {
        if (message.Length - pos < 2)
        {
            range = FieldRange.Absent;
            return false;
        }

        return TrySlice(message, pos + 2, BinaryPrimitives.ReadUInt16BigEndian(message[pos..]), out range);
    }

    /// <summary>A 16-bit length vector that must fill <paramref name="body"/> exactly.</summary>
    private static bool TryWholeVector16(ReadOnlySpan<byte> body, int data, out FieldRange range)
    {
        if (body.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(body) != body.Length - 2)
        {
            range = FieldRange.Absent;
            return false;
        }

        range = new FieldRange(data + 2, body.Length - 2);
        return true;
    }
}
