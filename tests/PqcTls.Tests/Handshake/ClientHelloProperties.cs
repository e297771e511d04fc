using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PqcTls.Handshake;
using PqcTls.Records;
using PqcTls.Tests.Support;

namespace PqcTls.Tests.Handshake;

public sealed class ClientHelloProperties
{
    private static readonly TlsNamedGroup[] s_groups =
    [
        TlsNamedGroup.X25519MLKem768, TlsNamedGroup.SecP256r1MLKem768, TlsNamedGroup.SecP384r1MLKem1024,
        TlsNamedGroup.X25519, TlsNamedGroup.Secp256r1, TlsNamedGroup.Secp384r1, TlsNamedGroup.X25519Kyber768Draft00,
    ];

    /// <summary>A generated hello description: options, shares and the expected parse.</summary>
    public sealed record HelloCase(ClientHelloOptions Options, TlsKeyShare[] Shares)
    {
        public override string ToString() =>
            $"sni={Options.ServerName} alpn=[{string.Join(',', Options.ApplicationProtocols)}] groups=[{string.Join(',', Options.SupportedGroups)}] " +
            $"shares=[{string.Join(',', Shares)}] grease={Options.UseGrease} pad={Options.PadToLength}";
    }

    private static Gen<string> Label =>
        Gen.Choose(1, 20).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-".ToCharArray()), n))
            .Select(chars => new string(chars));

    private static Gen<HelloCase> Cases =>
        from host in Gen.OneOf(Gen.Constant<string?>(null), Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Label, n)).Select(l => (string?)string.Join('.', l)))
        from alpn in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Label, n))
        from groupMask in Gen.Choose(1, (1 << s_groups.Length) - 1)
        from shareMask in Gen.Choose(0, (1 << s_groups.Length) - 1)
        from shareLength in Gen.Choose(1, 1700)
        from grease in Gen.Elements(true, false)
        from pad in Gen.Elements(0, 0, 512, 1800, 3000)
        from sessionLength in Gen.Choose(0, 32)
        from seed in Gen.Choose(0, 255)
        select Make(host, alpn, groupMask, shareMask, shareLength, grease, pad, sessionLength, seed);

    private static HelloCase Make(string? host, string[] alpn, int groupMask, int shareMask, int shareLength, bool grease, int pad, int sessionLength, int seed)
    {
        var options = new ClientHelloOptions
        {
            ServerName = host,
            UseGrease = grease,
            PadToLength = pad,
            Random = TestHellos.Pattern(32, seed),
            SessionId = TestHellos.Pattern(sessionLength, seed + 1),
        };
        foreach (string protocol in alpn)
        {
            options.ApplicationProtocols.Add(protocol);
        }

        options.SupportedGroups.Clear();
        var shares = new List<TlsKeyShare>();
        for (int i = 0; i < s_groups.Length; i++)
        {
            if ((groupMask & (1 << i)) != 0)
            {
                options.SupportedGroups.Add(s_groups[i]);
                if ((shareMask & (1 << i)) != 0)
                {
                    shares.Add(new TlsKeyShare(s_groups[i], TestHellos.Pattern(shareLength + i, seed + i)));
                }
            }
        }

        return new HelloCase(options, shares.ToArray());
    }

    [Property(MaxTest = 150)]
    public Property BuildThenParse_IsIdentity()
    {
        return Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            byte[] message = ClientHelloBuilder.BuildMessage(c.Options, c.Shares);
            ClientHello hello = ClientHello.Parse(message);

            bool same = hello.ServerName == c.Options.ServerName
                && hello.ApplicationProtocols.SequenceEqual(c.Options.ApplicationProtocols)
                && hello.SupportedGroups.Where(g => !ClientHello.IsGrease((ushort)g)).SequenceEqual(c.Options.SupportedGroups)
                && hello.KeyShares.Where(s => !ClientHello.IsGrease((ushort)s.Group)).SequenceEqual(c.Shares)
                && hello.CipherSuites.Where(s => !ClientHello.IsGrease(s)).SequenceEqual(c.Options.CipherSuites)
                && hello.SignatureAlgorithms.SequenceEqual(c.Options.SignatureAlgorithms)
                && hello.SupportedVersions.Where(v => !ClientHello.IsGrease(v)).SequenceEqual(new ushort[] { 0x0304 })
                && hello.Random.Span.SequenceEqual(c.Options.Random.Span)
                && hello.SessionId.Span.SequenceEqual(c.Options.SessionId!.Value.Span)
                && (c.Options.PadToLength == 0 || message.Length >= c.Options.PadToLength)
                && (c.Options.PadToLength == 0 || hello.PaddingLength < 0 || message.Length == c.Options.PadToLength
                    || (hello.PaddingLength == 0 && message.Length < c.Options.PadToLength + 4));
            return same.Label(c.ToString());
        });
    }

    [Property(MaxTest = 150)]
    public Property Parse_IndependentOfSegmentationAndRecordFragmentation()
    {
        Gen<(HelloCase Case, int[] RecordCuts, int[] SegmentCuts)> gen =
            from c in Cases
            from recordCuts in Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 6000), n))
            from segmentCuts in Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 7000), n))
            select (c, recordCuts, segmentCuts);

        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            byte[] message = ClientHelloBuilder.BuildMessage(t.Case.Options, t.Case.Shares);
            int[] recordCuts = t.RecordCuts.Where(x => x < message.Length).Distinct().Order().ToArray();
            byte[] wire = TlsRecordLayer.Frame(message, recordCuts);
            ReadOnlySequence<byte> sequence = Sequences.FromChunks(Sequences.Cut(wire, t.SegmentCuts));
            var reader = new ClientHelloReader();

            bool complete = reader.TryRead(sequence, out SequencePosition consumed, out _);

            return (complete
                && reader.Message.SequenceEqual(message)
                && reader.RecordCount == recordCuts.Length + 1
                && sequence.Slice(consumed).Length == 0
                && reader.GetServerName() == t.Case.Options.ServerName).Label($"records {recordCuts.Length + 1}");
        });
    }
}
