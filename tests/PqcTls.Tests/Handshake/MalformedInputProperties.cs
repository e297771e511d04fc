using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PqcTls.Handshake;
using PqcTls.Tests.Support;

namespace PqcTls.Tests.Handshake;

/// <summary>Corrupted input gives a typed exception with an in-range offset, never another exception or a hang.</summary>
public sealed class MalformedInputProperties
{
    private static readonly byte[] s_record = TestHellos.HybridRecord();

    private static Gen<(int Position, byte Value)[]> Mutations =>
        Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(
            from position in Gen.Choose(0, s_record.Length - 1)
            from value in Gen.Choose(0, 255)
            select (position, (byte)value), n));

    [Property(MaxTest = 400)]
    public Property TryRead_MutatedRecord_CompletesOrThrowsPqcTlsExceptionInsideInput()
    {
        return Prop.ForAll(Mutations.ToArbitrary(), mutations =>
        {
            byte[] wire = (byte[])s_record.Clone();
            foreach ((int position, byte value) in mutations)
            {
                wire[position] = value;
            }

            try
            {
                new ClientHelloReader().TryRead(new ReadOnlySequence<byte>(wire), out _, out _);
                return true;
            }
            catch (PqcTlsException e)
            {
                return e.Alert is not null && e.ByteOffset >= 0 && e.ByteOffset < wire.Length;
            }
        });
    }

    [Property(MaxTest = 200)]
    public Property TryRead_RandomBytes_CompletesOrThrowsPqcTlsException()
    {
        return Prop.ForAll(Gen.Choose(0, 64).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n)).ToArbitrary(), bytes =>
        {
            byte[] wire = bytes.Length > 0 ? [22, 3, 1, .. bytes] : [];
            try
            {
                new ClientHelloReader().TryRead(new ReadOnlySequence<byte>(wire), out _, out _);
                return true;
            }
            catch (PqcTlsException e)
            {
                return e.ByteOffset >= 0 && e.ByteOffset < wire.Length;
            }
        });
    }

    [Property(MaxTest = 60)]
    public Property HandshakeCheck_MutatedServerFlight_ResultOrPqcTlsException()
    {
        byte[] serverHello = ServerFlight();
        Gen<(int, byte)[]> mutations = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(
            from position in Gen.Choose(0, serverHello.Length - 1)
            from value in Gen.Choose(0, 255)
            select (position, (byte)value), n));

        return Prop.ForAll(mutations.ToArbitrary(), m =>
        {
            using var stream = new CannedServerStream((byte[])serverHello.Clone(), m);
            var options = new HandshakeCheckOptions { Timeout = TimeSpan.FromSeconds(2) };
            try
            {
                HandshakeCheckResult result = HandshakeCheck.RunAsync(stream, options, CancellationToken.None).GetAwaiter().GetResult();
                return !result.SecretVerified;
            }
            catch (PqcTlsException)
            {
                return true;
            }
        });
    }

    [Fact]
    public async Task HandshakeCheck_UnmutatedServerFlight_ReachesTheProtectedRecord()
    {
        using var stream = new CannedServerStream(ServerFlight(), []);

        PqcTlsException e = await Assert.ThrowsAsync<PqcTlsException>(
            () => HandshakeCheck.RunAsync(stream, new HandshakeCheckOptions(), CancellationToken.None));

        // The flight was encapsulated to another client's key, so the check gets as far as decrypting and fails there.
        Assert.Equal(TlsAlertDescription.BadRecordMac, e.Alert);
    }

    /// <summary>A ServerHello (X25519MLKEM768 with a well-formed share) and a protected record of 40 bytes.</summary>
    private static byte[] ServerFlight()
    {
        KeyExchangeGroup group = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768);
        using KeyExchangeClientShare client = group.GenerateClientShare();
        var hello = ClientHello.Parse(ClientHelloBuilder.BuildMessage(TestHellos.Options(), [new TlsKeyShare(client.Group, client.PublicShare.ToArray())]));
        using KeyExchangeServerResult server = group.Encapsulate(hello.KeyShares[0].KeyExchange.Span);
        byte[] record = ScriptedTlsServer.ServerHelloRecord(hello, 0x11EC, server.ServerShare);
        return [.. record, 23, 3, 3, 0, 40, .. TestHellos.Pattern(40)];
    }

    /// <summary>
    /// A connection whose server side answers the first ClientHello with <c>flight</c> (its session id echo patched to
    /// match, then the mutations applied) and then closes; reads return at most 97 bytes at a time.
    /// </summary>
    private sealed class CannedServerStream : Stream
    {
        private readonly byte[] _flight;
        private readonly (int Position, byte Value)[] _mutations;
        private MemoryStream? _input;

        public CannedServerStream(byte[] flight, (int Position, byte Value)[] mutations)
        {
            _flight = flight;
            _mutations = mutations;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException("This test stream only reads (or only writes) forward.");

        public override long Position
        {
            get => throw new NotSupportedException("This test stream only reads (or only writes) forward.");
            set => throw new NotSupportedException("This test stream only reads (or only writes) forward.");
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            _input is null ? 0 : _input.Read(buffer, offset, Math.Min(count, 97));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("This test stream only reads (or only writes) forward.");

        public override void SetLength(long value) => throw new NotSupportedException("This test stream only reads (or only writes) forward.");

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_input is not null)
            {
                return;
            }

            // Record header 5 + handshake header 4 + version 2 + random 32: the session id (32 bytes) follows at 44.
            Array.Copy(buffer, offset + 44, _flight, 44, 32);
            foreach ((int position, byte value) in _mutations)
            {
                _flight[position] = value;
            }

            _input = new MemoryStream(_flight, writable: false);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
