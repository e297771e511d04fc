using System.Buffers.Binary;

namespace PqcTls.Records;

/// <summary>Record-layer constants and helpers that frame handshake messages into TLS records.</summary>
internal static class TlsRecordLayer
{
    /// <summary>Length of the record header: type (1), legacy_record_version (2), length (2).</summary>
    public const int HeaderLength = 5;

    /// <summary>Largest plaintext fragment a record may carry (2^14, RFC 8446 section 5.1).</summary>
    public const int MaxPlaintextLength = 16384;

    /// <summary>Largest protected record payload (2^14 + 256, RFC 8446 section 5.2).</summary>
    public const int MaxCiphertextLength = 16384 + 256;

    /// <summary>The legacy_record_version a client puts on its first ClientHello records.</summary>
    public const ushort InitialRecordVersion = 0x0301;

    /// <summary>The legacy_record_version of every other record.</summary>
    public const ushort LegacyRecordVersion = 0x0303;

    /// <summary>Writes one record header.</summary>
    public static void WriteHeader(Span<byte> destination, TlsContentType type, ushort version, int length)
    {
        destination[0] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], version);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], checked((ushort)length));
    }

    /// <summary>
    /// Frames a handshake message (or several concatenated ones) into handshake records, cutting the payload at the
    /// given offsets. Offsets are positions inside <paramref name="payload"/>, strictly increasing, between 1 and
    /// <c>payload.Length - 1</c>; each piece must fit one record.
    /// </summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload, ReadOnlySpan<int> cuts, ushort version = InitialRecordVersion)
    {
        int records = cuts.Length + 1;
        byte[] output = new byte[payload.Length + (records * HeaderLength)];
        int written = 0;
        int start = 0;
        for (int i = 0; i < records; i++)
        {
            int end = i < cuts.Length ? cuts[i] : payload.Length;
            if (end <= start || end > payload.Length || end - start > MaxPlaintextLength)
            {
                throw new ArgumentOutOfRangeException(nameof(cuts),
                    "Record cut points must be increasing, inside the payload and at most 2^14 apart.");
            }

            WriteHeader(output.AsSpan(written), TlsContentType.Handshake, version, end - start);
            payload[start..end].CopyTo(output.AsSpan(written + HeaderLength));
            written += HeaderLength + (end - start);
            start = end;
        }

        return output;
    }

    /// <summary>Frames a payload into as few records as the 2^14 limit allows.</summary>
    public static byte[] FrameWhole(ReadOnlySpan<byte> payload, ushort version = InitialRecordVersion)
    {
        int pieces = Math.Max(1, (payload.Length + MaxPlaintextLength - 1) / MaxPlaintextLength);
        Span<int> cuts = stackalloc int[pieces - 1];
        for (int i = 0; i < cuts.Length; i++)
        {
            cuts[i] = (i + 1) * MaxPlaintextLength;
        }

        return Frame(payload, cuts, version);
    }
}
