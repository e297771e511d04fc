using System.Globalization;
using PqcTls.Handshake;
using PqcTls.Records;

namespace PqcTls.Probing;

/// <summary>Turns a ClientHello's layout into the list of fragmentation cases.</summary>
internal static class FragmentationPlan
{
    public static List<FragmentationCase> Create(byte[] message, bool full, IList<TimeSpan> delays)
    {
        if (!ClientHelloParser.TryParse(message, out ClientHelloFields f, out ParseError error))
        {
            throw error.ToException(error.Offset);
        }

        const int H = TlsRecordLayer.HeaderLength;
        int wireLength = message.Length + H;
        var cases = new List<FragmentationCase> { new("control (one record, one segment)", FragmentationKind.Control,
            [], [], TimeSpan.Zero) };
        var tcp = new SortedDictionary<int, string>();
        void Add(int wire, string region)
        {
            if (wire > 0 && wire < wireLength)
            {
                tcp.TryAdd(wire, region);
            }
        }

        void Region(FieldRange range, string region, params int[] samples)
        {
            if (!range.IsPresent)
            {
                return;
            }

            if (full)
            {
                for (int i = 0; i <= range.Length; i++)
                {
                    Add(H + range.Offset + i, region);
                }

                return;
            }

            foreach (int s in samples)
            {
                Add(H + range.Offset + (s >= 0 ? Math.Min(s, range.Length) : Math.Max(0, range.Length + s)), region);
            }
        }

        for (int i = 1; i <= H; i++)
        {
            Add(i, i < H ? "inside record header" : "after record header");
        }

        for (int i = 1; i <= TlsHandshakeType.HeaderLength; i++)
        {
            Add(H + i, i < TlsHandshakeType.HeaderLength ? "inside handshake header" : "after handshake header");
        }

        Region(new FieldRange(f.SessionId.Offset - 1, f.SessionId.Length + 1), "session id", 0, 1,
            f.SessionId.Length / 2, -1);
        Region(f.ServerNameExtension, "server_name", 0, 2, 4, 9, f.ServerNameExtension.Length / 2, -1);
        FieldRange mlkem = f.FindKeyShare(message, (ushort)TlsNamedGroup.X25519MLKem768);
        FieldRange keyShareHeader = f.KeyShareExtension.IsPresent
            ? new FieldRange(f.KeyShareExtension.Offset, mlkem.IsPresent ? mlkem.Offset - f.KeyShareExtension.Offset
                : f.KeyShareExtension.Length)
            : FieldRange.Absent;
        Region(full ? f.KeyShareExtension : keyShareHeader, "key_share", 0, 1, 2, 4, 6, 8, -1);
        Region(mlkem, "ML-KEM share", 1, 384, mlkem.Length / 2, 1184, -1);
        Add(wireLength - 1, "last byte");

        foreach ((int wire, string region) in tcp)
        {
            cases.Add(new(string.Create(CultureInfo.InvariantCulture, $"tcp@{wire} ({region})"),
                FragmentationKind.TcpSegments, [], [wire], TimeSpan.Zero));
        }

        int keyShareWire = H + (f.KeyShareExtension.IsPresent ? f.KeyShareExtension.Offset : message.Length / 2);
        int mlkemMid = H + (mlkem.IsPresent ? mlkem.Offset + (mlkem.Length / 2) : message.Length / 2);
        cases.Add(new("tcp 3 segments (after record header, at key_share)", FragmentationKind.TcpSegments, [], [H,
            keyShareWire], TimeSpan.Zero));
        cases.Add(new("tcp 1-byte segments for the first 11 bytes", FragmentationKind.TcpSegments, [],
            Enumerable.Range(1, 11).ToArray(), TimeSpan.Zero));
        cases.Add(new("tcp 200-byte segments", FragmentationKind.TcpSegments, [], Steps(wireLength, 200), TimeSpan.Zero));

        foreach (TimeSpan delay in delays)
        {
            string ms = delay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            cases.Add(new($"tcp@{mlkemMid} (ML-KEM share) after {ms} ms", FragmentationKind.Delayed, [], [mlkemMid], delay));
        }

        if (delays.Count > 0)
        {
            TimeSpan longest = delays.Max();
            cases.Add(new($"tcp@3 (inside record header) after {longest.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms",
                FragmentationKind.Delayed, [], [3], longest));
        }

        var recordCuts = new SortedDictionary<int, string>();
        void AddRecord(int messageOffset, string region)
        {
            if (messageOffset > 0 && messageOffset < message.Length)
            {
                recordCuts.TryAdd(messageOffset, region);
            }
        }

        for (int i = 1; i <= TlsHandshakeType.HeaderLength; i++)
        {
            AddRecord(i, i < TlsHandshakeType.HeaderLength ? "inside handshake header" : "after handshake header");
        }

        if (full)
        {
            for (int i = TlsHandshakeType.HeaderLength + 1; i < message.Length; i++)
            {
                AddRecord(i, "body");
            }
        }
        else
        {
            AddRecord(f.SessionId.Offset + (f.SessionId.Length / 2), "session id");
            AddRecord(f.HostName.IsPresent ? f.HostName.Offset + 1 : message.Length / 3, "server_name");
            AddRecord(f.KeyShareExtension.IsPresent ? f.KeyShareExtension.Offset + 2 : message.Length / 2, "key_share");
            AddRecord(mlkem.IsPresent ? mlkem.Offset + 1184 : (message.Length * 2) / 3, "ML-KEM share");
            AddRecord(message.Length - 1, "last byte");
        }

        foreach ((int cut, string region) in recordCuts)
        {
            cases.Add(RecordCase(string.Create(CultureInfo.InvariantCulture, $"2 records @{cut} ({region})"), [cut]));
        }

        cases.Add(RecordCase("3 records (handshake header, key_share)", [2, f.KeyShareExtension.IsPresent
            ? f.KeyShareExtension.Offset : message.Length / 2]));
        cases.Add(RecordCase("100-byte records", Steps(message.Length, 100)));
        cases.Add(RecordCase("1-byte records for the first 8 bytes", Enumerable.Range(1, 8).ToArray()));
        return cases;
    }

    private static FragmentationCase RecordCase(string name, int[] cuts)
    {
        var segmentCuts = new int[cuts.Length];
        for (int i = 0; i < cuts.Length; i++)
        {
            segmentCuts[i] = cuts[i] + ((i + 1) * TlsRecordLayer.HeaderLength);
        }

        return new FragmentationCase(name, FragmentationKind.Records, cuts, segmentCuts, TimeSpan.Zero);
    }

    private static int[] Steps(int length, int step)
    {
        var cuts = new List<int>();
        for (int at = step; at < length; at += step)
        {
            cuts.Add(at);
        }

        return cuts.ToArray();
    }
}
