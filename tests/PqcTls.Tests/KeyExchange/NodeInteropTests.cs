using System.Text.Json.Nodes;

namespace PqcTls.Tests.KeyExchange;

/// <summary>
/// Key exchange against Node 26 / OpenSSL 3.5 as an independent implementation: Node encapsulates to our client
/// shares and decapsulates our server shares, for the three hybrids and the three classical groups.
/// </summary>
public sealed class NodeInteropTests : IDisposable
{
    private const int Rounds = 5;

    private readonly NodeHybridPeer _node = new();

    public static TheoryData<TlsNamedGroup> SupportedGroups =>
    [
        TlsNamedGroup.X25519MLKem768,
        TlsNamedGroup.SecP256r1MLKem768,
        TlsNamedGroup.SecP384r1MLKem1024,
        TlsNamedGroup.X25519,
        TlsNamedGroup.Secp256r1,
        TlsNamedGroup.Secp384r1,
    ];

    [Fact]
    public void Node_Version_IsNode26WithOpenSsl35()
    {
        JsonObject version = _node.Send(new JsonObject { ["op"] = "version" });

        Assert.StartsWith("v26.", version["node"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("3.5.", version["openssl"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SupportedGroups))]
    public void DeriveSharedSecret_NodeServerEncapsulatesToOurShare_SecretsMatch(TlsNamedGroup group)
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(group);
        for (int i = 0; i < Rounds; i++)
        {
            using KeyExchangeClientShare client = keyExchange.GenerateClientShare();

            JsonObject reply = _node.Send(new JsonObject
            {
                ["op"] = "server",
                ["group"] = TlsNamedGroups.GetName(group),
                ["clientShare"] = Convert.ToHexString(client.PublicShare),
            });
            byte[] serverShare = NodeHybridPeer.Hex(reply, "serverShare");
            byte[] secret = client.DeriveSharedSecret(serverShare);

            Assert.Equal(keyExchange.ServerShareLength, serverShare.Length);
            Assert.Equal(Convert.ToHexString(NodeHybridPeer.Hex(reply, "sharedSecret")), Convert.ToHexString(secret));
        }
    }

    [Theory]
    [MemberData(nameof(SupportedGroups))]
    public void Encapsulate_NodeClientDecapsulatesOurShare_SecretsMatch(TlsNamedGroup group)
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(group);
        for (int i = 0; i < Rounds; i++)
        {
            JsonObject hello = _node.Send(new JsonObject { ["op"] = "client", ["group"] = TlsNamedGroups.GetName(group) });
            byte[] clientShare = NodeHybridPeer.Hex(hello, "clientShare");

            using KeyExchangeServerResult server = keyExchange.Encapsulate(clientShare);
            JsonObject finish = _node.Send(new JsonObject
            {
                ["op"] = "finish",
                ["id"] = hello["id"]!.GetValue<int>(),
                ["serverShare"] = Convert.ToHexString(server.ServerShare),
            });

            Assert.Equal(keyExchange.ClientShareLength, clientShare.Length);
            Assert.Equal(
                Convert.ToHexString(NodeHybridPeer.Hex(finish, "sharedSecret")),
                Convert.ToHexString(server.SharedSecret));
        }
    }

    public void Dispose() => _node.Dispose();
}
