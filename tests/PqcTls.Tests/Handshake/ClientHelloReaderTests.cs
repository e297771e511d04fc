using System.Buffers;
using System.IO.Pipelines;
using PqcTls.Handshake;
using PqcTls.Records;
using PqcTls.Tests.Support;

namespace PqcTls.Tests.Handshake;

public sealed class ClientHelloReaderTests
{
    private static readonly byte[] s_message = TestHellos.HybridMessage();
    private static readonly byte[] s_record = TestHellos.HybridRecord();

    [Fact]
    public void TryRead_WholeRecord_CompleteWithFields()
    {
        var reader = new ClientHelloReader();

        bool complete = reader.TryRead(new ReadOnlySequence<byte>(s_record), out SequencePosition consumed, out SequencePosition examined);

        Assert.True(complete);
        Assert.Equal(consumed, examined);
        Assert.Equal(s_message, reader.Message.ToArray());
        Assert.Equal("hybrid.example.test", reader.GetServerName());
        Assert.True(reader.OffersTls13);
        Assert.True(reader.OffersGroup(TlsNamedGroup.X25519MLKem768));
        Assert.False(reader.OffersGroup(TlsNamedGroup.SecP256r1MLKem768));
        Assert.True(reader.TryGetKeyShare(TlsNamedGroup.X25519MLKem768, out ReadOnlySpan<byte> share));
        Assert.Equal(TestHellos.Pattern(1216, 3), share.ToArray());
        Assert.Equal(1, reader.RecordCount);
        Assert.Equal(s_record.Length, reader.WireLength);
    }

    [Fact]
    public void TryRead_EveryTwoWaySegmentation_SameMessageAndEveryPrefixIncomplete()
    {
        var reader = new ClientHelloReader();
        for (int cut = 1; cut < s_record.Length; cut++)
        {
            ReadOnlySequence<byte> prefix = new(s_record, 0, cut);
            Assert.False(reader.TryRead(prefix, out SequencePosition consumed, out SequencePosition examined));
            Assert.Equal(prefix.Start, consumed);
            Assert.Equal(prefix.End, examined);

            ReadOnlySequence<byte> split = Sequences.FromChunks(Sequences.Cut(s_record, [cut]));
            Assert.True(reader.TryRead(split, out consumed, out _));
            Assert.Equal(split.End, consumed);
            Assert.True(reader.Message.SequenceEqual(s_message), $"cut at {cut}");
        }
    }

    [Fact]
    public void TryRead_EveryTwoRecordFragmentation_SameMessage()
    {
        var reader = new ClientHelloReader();
        for (int cut = 1; cut < s_message.Length; cut++)
        {
            byte[] wire = TlsRecordLayer.Frame(s_message, [cut]);

            Assert.True(reader.TryRead(new ReadOnlySequence<byte>(wire), out _, out _), $"record cut at {cut}");
            Assert.Equal(2, reader.RecordCount);
            Assert.True(reader.Message.SequenceEqual(s_message), $"record cut at {cut}");
        }
    }

    [Fact]
    public void TryRead_OneBytePerRecordAndPerSegment_SameMessage()
    {
        int[] cuts = Enumerable.Range(1, s_message.Length - 1).ToArray();
        byte[] wire = TlsRecordLayer.Frame(s_message, cuts);
        var chunks = wire.Select(b => new[] { b }).ToList();
        var reader = new ClientHelloReader();

        Assert.True(reader.TryRead(Sequences.FromChunks(chunks), out _, out _));

        Assert.Equal(s_message.Length, reader.RecordCount);
        Assert.Equal(s_message, reader.Message.ToArray());
    }

    [Fact]
    public void TryRead_BytesAfterTheRecord_AreLeftUnconsumed()
    {
        byte[] wire = [.. s_record, 20, 3, 3, 0, 1, 1];
        var reader = new ClientHelloReader();
        var sequence = new ReadOnlySequence<byte>(wire);

        Assert.True(reader.TryRead(sequence, out SequencePosition consumed, out _));

        Assert.Equal(6, sequence.Slice(consumed).Length);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(23)]
    public void TryRead_OtherRecordInterleaved_UnexpectedMessageAtThatRecord(byte type)
    {
        byte[] first = TlsRecordLayer.Frame(s_message.AsSpan(0, 100), []);
        byte[] rest = TlsRecordLayer.Frame(s_message.AsSpan(100), []);
        byte[] wire = [.. first, type, 3, 3, 0, 1, 1, .. rest];

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => new ClientHelloReader().TryRead(new ReadOnlySequence<byte>(wire), out _, out _));

        Assert.Equal(TlsAlertDescription.UnexpectedMessage, e.Alert);
        Assert.Equal(105, e.ByteOffset);
    }

    [Fact]
    public void TryRead_ZeroLengthHandshakeFragment_UnexpectedMessageAtItsLength()
    {
        byte[] first = TlsRecordLayer.Frame(s_message.AsSpan(0, 10), []);
        byte[] wire = [.. first, 22, 3, 1, 0, 0, .. TlsRecordLayer.Frame(s_message.AsSpan(10), [])];

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => new ClientHelloReader().TryRead(new ReadOnlySequence<byte>(wire), out _, out _));

        // first record: 5 + 10 = 15 bytes; the empty record's length field starts at 15 + 3 = 18.
        Assert.Equal(TlsAlertDescription.UnexpectedMessage, e.Alert);
        Assert.Equal(18, e.ByteOffset);
    }

    [Fact]
    public void TryRead_TrailingBytesInLastRecord_UnexpectedMessageAtFirstExtraByte()
    {
        byte[] payload = [.. s_message, 1, 0, 0, 0];
        byte[] wire = TlsRecordLayer.Frame(payload, []);

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => new ClientHelloReader().TryRead(new ReadOnlySequence<byte>(wire), out _, out _));

        Assert.Equal(TlsAlertDescription.UnexpectedMessage, e.Alert);
        Assert.Equal(5 + s_message.Length, e.ByteOffset);
    }

    [Fact]
    public void TryRead_RecordLongerThan2To14_RecordOverflow()
    {
        byte[] wire = [22, 3, 1, 0x40, 0x01, 1, 0, 0x40, 0];

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => new ClientHelloReader().TryRead(new ReadOnlySequence<byte>(wire), out _, out _));

        Assert.Equal(TlsAlertDescription.RecordOverflow, e.Alert);
        Assert.Equal(3, e.ByteOffset);
    }

    [Fact]
    public void TryRead_DeclaredLengthOverLimit_DecodeErrorAtHandshakeLength()
    {
        var reader = new ClientHelloReader(new ClientHelloReaderOptions { MaxClientHelloLength = 1000 });

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => reader.TryRead(new ReadOnlySequence<byte>(s_record), out _, out _));

        Assert.Equal(TlsAlertDescription.DecodeError, e.Alert);
        Assert.Equal(6, e.ByteOffset);
    }

    [Fact]
    public void TryRead_HttpRequest_UnexpectedMessageAtZero()
    {
        byte[] wire = "GET / HTTP/1.1\r\n"u8.ToArray();

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => new ClientHelloReader().TryRead(new ReadOnlySequence<byte>(wire), out _, out _));

        Assert.Equal(TlsAlertDescription.UnexpectedMessage, e.Alert);
        Assert.Equal(0, e.ByteOffset);
    }

    [Fact]
    public void TryRead_ServerHelloInsteadOfClientHello_UnexpectedMessageAtType()
    {
        byte[] wire = (byte[])s_record.Clone();
        wire[5] = 2;

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => new ClientHelloReader().TryRead(new ReadOnlySequence<byte>(wire), out _, out _));

        Assert.Equal(TlsAlertDescription.UnexpectedMessage, e.Alert);
        Assert.Equal(5, e.ByteOffset);
    }

    [Fact]
    public void TryRead_SessionIdLengthTooLargeInSecondRecord_OffsetMappedToWire()
    {
        byte[] message = (byte[])s_message.Clone();
        message[38] = 33;
        byte[] wire = TlsRecordLayer.Frame(message, [20]);

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => new ClientHelloReader().TryRead(new ReadOnlySequence<byte>(wire), out _, out _));

        // message byte 38 is in the second record: 5 + 20 (first record) + 5 (header) + (38 - 20) = 48.
        Assert.Equal(TlsAlertDescription.DecodeError, e.Alert);
        Assert.Equal(48, e.ByteOffset);
    }

    [Fact]
    public void TryRead_ExtensionLengthPastEnd_DecodeError()
    {
        byte[] message = (byte[])s_message.Clone();

        // The first extension (server_name) header starts after 83 bytes; its length field is at 85..86.
        message[85] = 0xFF;

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => ClientHello.Parse(message));

        Assert.Equal(TlsAlertDescription.DecodeError, e.Alert);
        Assert.Equal(85, e.ByteOffset);
    }

    [Fact]
    public void TryRead_DuplicateExtension_IllegalParameter()
    {
        var options = TestHellos.Options();
        byte[] message = ClientHelloBuilder.BuildMessage(options, TestHellos.HybridShares());

        // Rename supported_groups (second extension, at 83 + 28 = 111) to server_name (type 0): a duplicate.
        message[111] = 0;
        message[112] = 0;

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => ClientHello.Parse(message));

        Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
        Assert.Equal(111, e.ByteOffset);
    }

    [Fact]
    public async Task ReadAsync_PipeFedInSmallWrites_ReturnsHelloAndLeavesBytes()
    {
        var pipe = new Pipe();
        Task<ClientHello> read = ClientHelloReader.ReadAsync(pipe.Reader).AsTask();
        for (int i = 0; i < s_record.Length; i += 100)
        {
            await pipe.Writer.WriteAsync(s_record.AsMemory(i, Math.Min(100, s_record.Length - i)));
        }

        ClientHello hello = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("hybrid.example.test", hello.ServerName);
        ReadResult rest = await pipe.Reader.ReadAsync();
        Assert.Equal(s_record.Length, rest.Buffer.Length);
    }

    [Fact]
    public async Task ReadAsync_PeerClosesEarly_DecodeErrorAtEnd()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(s_record.AsMemory(0, 700));
        await pipe.Writer.CompleteAsync();

        PqcTlsException e = await Assert.ThrowsAsync<PqcTlsException>(() => ClientHelloReader.ReadAsync(pipe.Reader).AsTask());

        Assert.Equal(700, e.ByteOffset);
    }

    [Fact]
    public async Task ReadAsync_SlowPeer_TimesOut()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(s_record.AsMemory(0, 10));
        var options = new ClientHelloReaderOptions { Timeout = TimeSpan.FromSeconds(5), TimeProvider = time };
        Task<ClientHello> read = ClientHelloReader.ReadAsync(pipe.Reader, options).AsTask();

        time.Advance(TimeSpan.FromSeconds(6));

        PqcTlsException e = await Assert.ThrowsAsync<PqcTlsException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("5000 ms", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_AfterWarmUp_AllocatesNothing()
    {
        var reader = new ClientHelloReader();
        ReadOnlySequence<byte> split = Sequences.FromChunks(Sequences.Cut(s_record, [3, 700]));
        reader.TryRead(split, out _, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            reader.TryRead(split, out _, out _);
            Assert.True(reader.TryGetKeyShare(TlsNamedGroup.X25519MLKem768, out _));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
