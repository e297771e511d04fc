using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.X509;

namespace PqcTls.Probing;

/// <summary>
/// A TLS 1.3 server on the loopback interface, built on BouncyCastle's TLS stack, that supports the hybrid groups.
/// It exists for self-tests (<c>kubekit pqc selftest</c>) and interop tests: it listens on 127.0.0.1 with an
/// ephemeral port and a throw-away self-signed ECDSA P-256 certificate, and stops when disposed.
/// </summary>
public sealed class EmbeddedTlsServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly int[] _groups;
    private readonly BcTlsCrypto _crypto = new(new SecureRandom());
    private readonly AsymmetricKeyParameter _key;
    private readonly byte[] _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];
    private int _handshakes;

    private EmbeddedTlsServer(IEnumerable<TlsNamedGroup> groups)
    {
        _groups = groups.Select(g => (int)g).ToArray();
        if (_groups.Length == 0)
        {
            throw new ArgumentException("At least one group is needed.", nameof(groups));
        }

        (_key, _certificate) = CreateCertificate();
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Gets the address the server listens on (127.0.0.1 and an ephemeral port).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Gets the number of handshakes that reached the point where the server sent its flight.</summary>
    public int HandshakeCount => Volatile.Read(ref _handshakes);

    /// <summary>Starts a server that supports the given groups, in its order of preference.</summary>
    /// <param name="groups">The groups, for example X25519MLKEM768 only.</param>
    /// <returns>The running server.</returns>
    public static EmbeddedTlsServer Start(IEnumerable<TlsNamedGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return new EmbeddedTlsServer(groups);
    }

    /// <summary>Stops listening and waits for open connections to end.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        Task[] pending;
        lock (_connections)
        {
            pending = [.. _connections, _acceptLoop];
        }

        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        _stop.Dispose();
    }

    private static (AsymmetricKeyParameter Key, byte[] Certificate) CreateCertificate()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Org.BouncyCastle.Asn1.X9.ECNamedCurveTable.GetOid("P-256"),
            new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.GenerateKeyPair();
        var name = new X509Name("CN=pqctls-selftest.localhost");
        var builder = new X509V3CertificateGenerator();
        DateTime now = TimeProvider.System.GetUtcNow().UtcDateTime;
        builder.SetSerialNumber(BigInteger.One);
        builder.SetIssuerDN(name);
        builder.SetSubjectDN(name);
        builder.SetNotBefore(now.AddDays(-1));
        builder.SetNotAfter(now.AddDays(7));
        builder.SetPublicKey(pair.Public);
        X509Certificate certificate = builder.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", pair.Private));
        return (pair.Private, certificate.GetEncoded());
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Task connection = Task.Run(() => Serve(client));
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(connection);
            }
        }
    }

    private void Serve(Socket client)
    {
        using (client)
        {
            client.NoDelay = true;
            client.ReceiveTimeout = 10_000;
            client.SendTimeout = 10_000;
            using var stream = new NetworkStream(client, ownsSocket: false);
            var protocol = new TlsServerProtocol(stream);
            try
            {
                protocol.Accept(new Peer(this));
                protocol.Close();
            }
            catch (Exception e) when (e is IOException or SocketException or TlsFatalAlert or TlsFatalAlertReceived
                or ObjectDisposedException)
            {
                // The probe closes right after reading EncryptedExtensions, and fragmentation cases may be refused.
            }
        }
    }

    private sealed class Peer : DefaultTlsServer
    {
        private readonly EmbeddedTlsServer _owner;

        public Peer(EmbeddedTlsServer owner)
            : base(owner._crypto)
        {
            _owner = owner;
        }

        public override int[] GetSupportedGroups() => _owner._groups;

        public override TlsCredentials GetCredentials()
        {
            Interlocked.Increment(ref _owner._handshakes);
            return GetECDsaSignerCredentials();
        }

        protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.TLSv13.Only();

        protected override TlsCredentialedSigner GetECDsaSignerCredentials()
        {
            TlsCertificate tlsCertificate = _owner._crypto.CreateCertificate(_owner._certificate);
            var chain = new Certificate(TlsUtilities.EmptyBytes, [new CertificateEntry(tlsCertificate, null)]);
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), _owner._crypto, _owner._key, chain,
                SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        }
    }
}
