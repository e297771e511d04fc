using System.Buffers;
using System.Text;
using Kyaml;

namespace Kyaml.Tests.Reader;

/// <summary>Helpers shared by the reader tests: token dumps and segmented sequences.</summary>
internal static class ReaderTestHelpers
{
    public static string TestDataPath(params string[] parts)
    {
        return Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);
    }

    public static IEnumerable<string> CorpusFiles()
    {
        string root = TestDataPath("reader");
        return Directory.EnumerateFiles(root, "expected*.kyaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Describes the current token: type, decoded value and depth.</summary>
    public static string Describe(ref Utf8KyamlReader reader)
    {
        string value = reader.TokenType switch
        {
            KyamlTokenType.String or KyamlTokenType.PropertyName => reader.GetString()!,
            KyamlTokenType.Comment => reader.GetComment(),
            _ => reader.HasValueSequence
                ? Encoding.UTF8.GetString(reader.ValueSequence.ToArray())
                : Encoding.UTF8.GetString(reader.ValueSpan),
        };
        return $"{reader.TokenType}@{reader.CurrentDepth}:{value}";
    }

    public static List<string> ReadAll(ReadOnlySpan<byte> input, KyamlReaderOptions options = default)
    {
        var reader = new Utf8KyamlReader(input, options);
        var tokens = new List<string>();
        while (reader.Read())
        {
            tokens.Add(Describe(ref reader));
        }

        return tokens;
    }

    public static List<string> ReadAll(ReadOnlySequence<byte> input, KyamlReaderOptions options = default)
    {
        var reader = new Utf8KyamlReader(input, options);
        var tokens = new List<string>();
        while (reader.Read())
        {
            tokens.Add(Describe(ref reader));
        }

        return tokens;
    }

    /// <summary>Reads the input in two blocks split at <paramref name="split"/>, resuming with the saved state.</summary>
    public static List<string> ReadSplit(byte[] input, int split, KyamlReaderOptions options = default)
    {
        var tokens = new List<string>();
        var reader = new Utf8KyamlReader(input.AsSpan(0, split), isFinalBlock: false, new KyamlReaderState(options));
        while (reader.Read())
        {
            tokens.Add(Describe(ref reader));
        }

        int consumed = checked((int)reader.BytesConsumed);
        reader = new Utf8KyamlReader(input.AsSpan(consumed), isFinalBlock: true, reader.CurrentState);
        while (reader.Read())
        {
            tokens.Add(Describe(ref reader));
        }

        return tokens;
    }

    /// <summary>Builds a sequence whose segments end at the given offsets.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] input, params int[] cuts)
    {
        var bounds = new List<int> { 0 };
        bounds.AddRange(cuts.Where(c => c > 0 && c < input.Length).Distinct().Order());
        bounds.Add(input.Length);
        Segment? first = null;
        Segment? last = null;
        for (int k = 0; k + 1 < bounds.Count; k++)
        {
            var memory = new ReadOnlyMemory<byte>(input, bounds[k], bounds[k + 1] - bounds[k]);
            if (first is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last!.Append(memory);
            }
        }

        first ??= last = new Segment(ReadOnlyMemory<byte>.Empty, 0);
        return new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    /// <summary>A sequence with every byte in its own segment.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] input)
    {
        return Segmented(input, Enumerable.Range(1, Math.Max(0, input.Length - 1)).ToArray());
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
