using System.Text;
using Kyaml;

namespace Kyaml.Tests.Streaming;

/// <summary>
/// Long streams convert in memory that does not grow with the stream: a generated 64 MiB stream (never held in
/// memory) is converted while the live managed heap is sampled after full collections. The heap is shared by the
/// whole test process, so these tests run alone.
/// </summary>
[Collection(nameof(StreamingMemoryTests))]
public class StreamingMemoryTests
{
    private const long StreamBytes = 64L * 1024 * 1024;

    private const string YamlDocument = """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web, tier: frontend}
        spec:
          replicas: 3
          template:
            spec:
              containers:
              - name: web
                image: nginx:1.27
                args: ["--port=8080", "--verbose"]
                env:
                - name: MODE
                  value: "on"

        """;

    [Fact]
    public async Task ConvertAsync_64MiBYamlStream_MemoryDoesNotGrowWithTheStream()
    {
        byte[] document = Encoding.UTF8.GetBytes(YamlDocument.ReplaceLineEndings("\n"));
        long perDocument = KyamlConverter.Convert(document).LongLength;
        long documents = StreamBytes / document.Length;
        using var input = new RepeatingStream(document, documents);
        using var output = new SamplingStream();

        await KyamlStreamConverter.ConvertAsync(input, output);

        Assert.Equal(documents * perDocument, output.Length);
        AssertBounded(output);
    }

    [Fact]
    public async Task ToJsonAsync_64MiBKyamlStream_MemoryDoesNotGrowWithTheStream()
    {
        byte[] document = KyamlConverter.Convert(Encoding.UTF8.GetBytes(YamlDocument.ReplaceLineEndings("\n")));
        using var single = new MemoryStream();
        await KyamlStreamConverter.ToJsonAsync(new MemoryStream(document), single);
        long documents = StreamBytes / document.Length;
        using var input = new RepeatingStream(document, documents);
        using var output = new SamplingStream();

        await KyamlStreamConverter.ToJsonAsync(input, output);

        Assert.Equal(documents * single.Length, output.Length);
        AssertBounded(output);
    }

    private static void AssertBounded(SamplingStream output)
    {
        // Live heap after a full collection, sampled every 4 MiB of output: the first sample is taken early, the
        // last near the end; a leak of the stream would add tens of MiB between them.
        Assert.True(output.Samples.Count >= 4, $"only {output.Samples.Count} samples");
        long first = output.Samples[0];
        long peak = output.Samples.Max();
        Assert.True(peak - first < 8L * 1024 * 1024, $"live heap grew from {first} to {peak} bytes");
    }

    /// <summary>A read-only stream that yields the same bytes a given number of times, without storing them.</summary>
    private sealed class RepeatingStream(byte[] unit, long repeats) : Stream
    {
        private readonly long _length = unit.LongLength * repeats;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position { get => _position; set => throw new NotSupportedException("This test stream only reads (or only writes) forward."); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int written = 0;
            while (written < buffer.Length && _position < _length)
            {
                int inUnit = (int)(_position % unit.Length);
                int n = Math.Min(buffer.Length - written, unit.Length - inUnit);
                unit.AsSpan(inUnit, n).CopyTo(buffer[written..]);
                written += n;
                _position += n;
            }

            return written;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("This test stream only reads (or only writes) forward.");

        public override void SetLength(long value) => throw new NotSupportedException("This test stream only reads (or only writes) forward.");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("This test stream only reads (or only writes) forward.");
    }

    /// <summary>A write-only stream that counts bytes and samples the live managed heap every 4 MiB.</summary>
    private sealed class SamplingStream : Stream
    {
        private const long Interval = 4L * 1024 * 1024;
        private long _length;
        private long _nextSample = Interval;

        public List<long> Samples { get; } = [];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException("This test stream only reads (or only writes) forward."); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _length += buffer.Length;
            if (_length >= _nextSample)
            {
                _nextSample += Interval;
                Samples.Add(GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("This test stream only reads (or only writes) forward.");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("This test stream only reads (or only writes) forward.");

        public override void SetLength(long value) => throw new NotSupportedException("This test stream only reads (or only writes) forward.");
    }
}

/// <summary>Runs the memory measurements with no other test allocating at the same time.</summary>
[CollectionDefinition(nameof(StreamingMemoryTests), DisableParallelization = true)]
public sealed class StreamingMemoryCollection
{
}
