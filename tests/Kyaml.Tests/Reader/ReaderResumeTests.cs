using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kyaml;
using static Kyaml.Tests.Reader.ReaderTestHelpers;

namespace Kyaml.Tests.Reader;

/// <summary>Splitting the input anywhere and resuming must not change what the reader returns.</summary>
public class ReaderResumeTests
{
    private static readonly KyamlReaderOptions s_withComments = new() { CommentHandling = KyamlCommentHandling.Allow };

    public static TheoryData<string> SplitFiles() => new(
        "tricky/multi-doc/expected.kyaml",
        "tricky/control-chars/expected.kyaml",
        "tricky/quotes-backslashes/expected.kyaml",
        "tricky/comments-everywhere/expected.kyaml",
        "tricky/numbers/expected.kyaml",
        "tricky/multiline-block-scalars/expected.kyaml",
        "tricky/unicode/expected.kyaml",
        "real/kp-networkpolicy/expected.kyaml",
        "real/argocd-rbac-cm/expected.kyaml",
        "real/vllm-deployment/expected.kyaml",
        "upstream/escapes/nl/expected.kyaml",
        "tricky/top-level-scalars/expected.kyaml");

    [Theory]
    [MemberData(nameof(SplitFiles))]
    public void Read_RealFileSplitAtEveryByte_GivesSameTokens(string file)
    {
        byte[] input = File.ReadAllBytes(TestDataPath("reader", file));
        List<string> expected = ReadAll(input, s_withComments);

        for (int split = 0; split <= input.Length; split++)
        {
            List<string> resumed = ReadSplit(input, split, s_withComments);
            Assert.True(expected.SequenceEqual(resumed), $"split at byte {split} of {file}");
        }
    }

    [Theory]
    [MemberData(nameof(SplitFiles))]
    public void Read_RealFileTwoSegmentsCutAtEveryByte_GivesSameTokens(string file)
    {
        byte[] input = File.ReadAllBytes(TestDataPath("reader", file));
        List<string> expected = ReadAll(input, s_withComments);

        for (int cut = 1; cut < input.Length; cut++)
        {
            Assert.True(expected.SequenceEqual(ReadAll(Segmented(input, cut), s_withComments)), $"cut at {cut}");
        }
    }

    [Fact]
    public void Read_ByteByByteThroughPipeLoop_GivesSameTokens()
    {
        // Feeding one more byte each time, as a pipe may, keeps only the unconsumed tail between readers.
        byte[] input = File.ReadAllBytes(TestDataPath("reader", "tricky/comments-everywhere/expected.kyaml"));
        List<string> expected = ReadAll(input, s_withComments);
        var tokens = new List<string>();
        var state = new KyamlReaderState(s_withComments);
        int start = 0;
        for (int end = 0; end <= input.Length; end++)
        {
            var reader = new Utf8KyamlReader(input.AsSpan(start, end - start), end == input.Length, state);
            while (reader.Read())
            {
                tokens.Add(Describe(ref reader));
            }

            start += (int)reader.BytesConsumed;
            state = reader.CurrentState;
        }

        Assert.Equal(expected, tokens);
    }

    [Property(MaxTest = 200)]
    public Property Read_WriterOutputSplitAnywhere_GivesSameTokens()
    {
        Gen<(byte[] Text, int Split, int Cut)> gen =
            from node in KyamlNodeGen.Document()
            from compact in Gen.Elements(false, true)
            let text = KyamlNodeGen.Write(node, compact)
            from split in Gen.Choose(0, text.Length)
            from cut in Gen.Choose(0, text.Length)
            select (text, split, cut);

        return Prop.ForAll(gen.ToArbitrary(), sample =>
        {
            List<string> expected = ReadAll(sample.Text);
            return expected.SequenceEqual(ReadSplit(sample.Text, sample.Split))
                && expected.SequenceEqual(ReadAll(Segmented(sample.Text, sample.Cut, sample.Split)));
        });
    }

    [Property(MaxTest = 300)]
    public Property Read_GeneratedFlowYamlSplitAnywhere_GivesSameTokens()
    {
        // Hand-built lenient input: plain scalars, single quotes, comments, CRLF and odd spacing.
        Gen<string> atom = Gen.Elements(
            "a", "plain text", "'it''s'", "\"q\\\"x\"", "1", "-2.5e3", "0x1F", "true", "~", "null", "",
            "\"multi\n  line\"", "'two\n\n lines'", " # c\n 1", "\"\\u00e9\\U0001F680\"", "[]", "{}");
        Gen<string> gen = Gen.Sized(size => Build(atom, Math.Min(size, 4)));

        Gen<(string Text, int Split)> withSplit =
            from text in gen
            let doc = "---\r\n" + text + "\n"
            from split in Gen.Choose(0, Encoding.UTF8.GetByteCount(doc))
            select (doc, split);

        var options = new KyamlReaderOptions { Mode = KyamlReaderMode.Lenient, CommentHandling = KyamlCommentHandling.Allow };
        return Prop.ForAll(withSplit.ToArbitrary(), sample =>
        {
            byte[] bytes = Encoding.UTF8.GetBytes(sample.Text);
            List<string> expected = ReadAll(bytes, options);
            return expected.SequenceEqual(ReadSplit(bytes, sample.Split, options))
                && expected.SequenceEqual(ReadAll(Segmented(bytes, sample.Split), options));
        });
    }

    private static Gen<string> Build(Gen<string> atom, int depth)
    {
        if (depth == 0)
        {
            return atom.Where(a => a.Length > 0);
        }

        Gen<string> child = Build(atom, depth - 1);
        Gen<string> seq = Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(child, n)).Select(items => "[" + string.Join(", ", items) + (items.Count > 0 ? ",\n" : "") + "]");
        Gen<string> map =
            Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Gen.Zip(Gen.Elements("k", "'s q'", "\"d\"", "x y"), child), n))
                .Select(pairs => "{ " + string.Join(" ,\r\n  ", pairs.Select(p => p.Item1 + ": " + p.Item2)) + " }");
        return Gen.OneOf(atom.Where(a => a.Length > 0), seq, map);
    }
}
