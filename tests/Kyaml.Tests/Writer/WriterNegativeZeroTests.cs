using System.Buffers;
using System.Text;

namespace Kyaml.Tests.Writer;

public sealed class WriterNegativeZeroTests
{
    private static string WriteRoot(Action<Utf8KyamlWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8KyamlWriter(buffer))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void WriteNumberValue_NegativeZeroDouble_KeepsTheSign()
    {
        // Go's encoding/json writes float64 -0 with strconv.AppendFloat(-0, 'f', -1, 64), which keeps the sign:
        // "-0". The reference encoder then prints that !!int text verbatim (spec §6: "-0" comes out as written).
        string text = WriteRoot(w => w.WriteNumberValue(-0.0));

        Assert.Equal("---\n-0\n", text);
    }

    [Fact]
    public void WriteNumberValue_PositiveZeroDouble_IsZero()
    {
        string text = WriteRoot(w => w.WriteNumberValue(0.0));

        Assert.Equal("---\n0\n", text);
    }

    [Fact]
    public void WriteNumberValue_NegativeZeroInMapping_KeepsTheSign()
    {
        string text = WriteRoot(w =>
        {
            w.WriteStartMapping();
            w.WritePropertyName("z"u8);
            w.WriteNumberValue(-0.0);
            w.WriteEndMapping();
        });

        Assert.Equal("---\n{\n  z: -0,\n}\n", text);
    }
}
