using PqcTls.Handshake;
using PqcTls.Probing;

namespace PqcTls.Tests.Interop;

public sealed class BouncyCastlePeerTests
{
    private static HandshakeCheckOptions Options(params TlsNamedGroup[] shareGroups)
    {
        var options = new HandshakeCheckOptions { ServerName = "localhost", Timeout = TimeSpan.FromSeconds(10) };
        options.KeyShareGroups.Clear();
        foreach (TlsNamedGroup group in shareGroups)
        {
            options.KeyShareGroups.Add(group);
        }

        return options;
    }

    [Fact]
    public async Task RunAsync_HybridServer_NegotiatesX25519MLKem768AndVerifiesSecret()
    {
        await using var server = EmbeddedTlsServer.Start([TlsNamedGroup.X25519MLKem768]);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", server.EndPoint.Port, Options(TlsNamedGroup.X25519MLKem768));

        Assert.Equal(TlsNamedGroup.X25519MLKem768, result.NegotiatedGroup);
        Assert.True(result.IsHybrid);
        Assert.True(result.SecretVerified, result.Failure);
        Assert.False(result.HelloRetryRequested);
    }

    [Fact]
    public async Task RunAsync_ClassicalShareToHybridOnlyServer_HelloRetryThenVerified()
    {
        await using var server = EmbeddedTlsServer.Start([TlsNamedGroup.X25519MLKem768]);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", server.EndPoint.Port, Options(TlsNamedGroup.X25519));

        Assert.True(result.HelloRetryRequested);
        Assert.Equal(TlsNamedGroup.X25519MLKem768, result.HelloRetryGroup);
        Assert.Equal(TlsNamedGroup.X25519MLKem768, result.NegotiatedGroup);
        Assert.True(result.SecretVerified, result.Failure);
    }

    [Theory]
    [InlineData(TlsNamedGroup.SecP256r1MLKem768)]
    [InlineData(TlsNamedGroup.SecP384r1MLKem1024)]
    [InlineData(TlsNamedGroup.X25519)]
    public async Task RunAsync_SingleGroupServer_VerifiesSecret(TlsNamedGroup group)
    {
        await using var server = EmbeddedTlsServer.Start([group]);
        HandshakeCheckOptions options = Options(group);
        options.SupportedGroups.Clear();
        options.SupportedGroups.Add(group);

        HandshakeCheckResult result = await HandshakeCheck.RunAsync("127.0.0.1", server.EndPoint.Port, options);

        Assert.Equal(group, result.NegotiatedGroup);
        Assert.True(result.SecretVerified, result.Failure);
    }
}
