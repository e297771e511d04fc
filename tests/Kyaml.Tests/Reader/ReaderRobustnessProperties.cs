using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kyaml;
using static Kyaml.Tests.Reader.ReaderTestHelpers;

namespace Kyaml.Tests.Reader;

/// <summary>Any input either reads or fails with a <see cref="KyamlException"/>; nothing else escapes.</summary>
public class ReaderRobustnessProperties
{
    private static readonly byte[][] s_seeds =
    [
        .. new[]
        {
            "tricky/comments-everywhere/expected.kyaml",
            "tricky/control-chars/expected.kyaml",
            "tricky/multiline-block-scalars/expected.kyaml",
            "tricky/unicode/expected.kyaml",
            "real/kp-networkpolicy/expected.kyaml",
        }.Select(f => File.ReadAllBytes(TestDataPath("reader", f))),
    ];

    [Property(MaxTest = 500)]
    public Property Read_MutatedKyaml_ReadsOrThrowsKyamlException()
    {
        Gen<byte> interesting = Gen.Elements<byte>(
            (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'"', (byte)'\'', (byte)'\\', (byte)'#',
            (byte)'-', (byte)'.', (byte)' ', (byte)'\n', (byte)'\r', (byte)'\t', (byte)'x', (byte)'u', (byte)'0', 0xEF, 0xBB,
            0xBF, 0xC3, 0x80, 0xFF, 0x00);
        Gen<(int Seed, int[] Positions, byte[] Bytes, bool Lenient, int Split)> gen =
            from seed in Gen.Choose(0, s_seeds.Length - 1)
            from count in Gen.Choose(1, 6)
            from positions in Gen.ArrayOf(Gen.Choose(0, 100_000), count)
            from bytes in Gen.ArrayOf(interesting, count)
            from lenient in Gen.Elements(false, true)
            from split in Gen.Choose(0, 100_000)
            select (seed, positions, bytes, lenient, split);

        return Prop.ForAll(gen.ToArbitrary(), sample =>
        {
            byte[] input = (byte[])s_seeds[sample.Seed].Clone();
            for (int k = 0; k < sample.Positions.Length; k++)
            {
                input[sample.Positions[k] % input.Length] = sample.Bytes[k];
            }

            var options = new KyamlReaderOptions
            {
                Mode = sample.Lenient ? KyamlReaderMode.Lenient : KyamlReaderMode.Strict,
                CommentHandling = KyamlCommentHandling.Allow,
            };
            return ReadsOrFailsCleanly(input, options, sample.Split % (input.Length + 1));
        });
    }

    [Property(MaxTest = 500)]
    public Property Read_RandomFlowText_ReadsOrThrowsKyamlException()
    {
        Gen<byte> alphabet = Gen.Elements("{}[],:\"'\\#-.?&*!|>%@` \n\r\tab01xu~eE+_\u00e9"u8.ToArray());
        Gen<(byte[] Input, bool Lenient, int Split)> gen =
            from length in Gen.Choose(0, 60)
            from input in Gen.ArrayOf(alphabet, length)
            from lenient in Gen.Elements(false, true)
            from split in Gen.Choose(0, length)
            select (input, lenient, split);

        return Prop.ForAll(gen.ToArbitrary(), sample =>
        {
            var options = new KyamlReaderOptions
            {
                Mode = sample.Lenient ? KyamlReaderMode.Lenient : KyamlReaderMode.Strict,
                CommentHandling = KyamlCommentHandling.Allow,
            };
            return ReadsOrFailsCleanly(sample.Input, options, sample.Split);
        });
    }

    /// <summary>
    /// Reads in one piece, split in two blocks and as a sequence of two segments: each must succeed with the same
    /// tokens or fail with a KyamlException (at the same byte offset in all three ways).
    /// </summary>
    private static bool ReadsOrFailsCleanly(byte[] input, KyamlReaderOptions options, int split)
    {
        (List<string>? whole, long? wholeError) = Attempt(() => ReadAll(input, options));
        (List<string>? resumed, long? resumedError) = Attempt(() => ReadSplit(input, split, options));
        (List<string>? segmented, long? segmentedError) = Attempt(() => ReadAll(Segmented(input, split), options));
        if (whole is not null)
        {
            return resumed is not null && segmented is not null && whole.SequenceEqual(resumed) && whole.SequenceEqual(segmented);
        }

        return wholeError == resumedError && wholeError == segmentedError;
    }

    private static (List<string>? Tokens, long? ErrorOffset) Attempt(Func<List<string>> read)
    {
        try
        {
            return (read(), null);
        }
        catch (KyamlException e)
        {
            return (null, e.BytePosition ?? -1);
        }
    }
}
