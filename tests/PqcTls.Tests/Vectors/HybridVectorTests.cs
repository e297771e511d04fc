using System.Text.Json;

namespace PqcTls.Tests.Vectors;

/// <summary>
/// The TLS hybrid vectors (tls-hybrid-vectors.json, re-derived with OpenSSL 3.5.9) and the X25519MLKEM768 reject
/// cases (x25519mlkem768-negative.json).
/// </summary>
public sealed class HybridVectorTests
{
    private static readonly Lazy<JsonElement[]> s_vectors = new(() =>
        [.. VectorFiles.ReadJson("hybrid", "tls-hybrid-vectors.json").GetProperty("vectors").EnumerateArray()]);

    private static readonly Lazy<JsonElement> s_negative =
        new(() => VectorFiles.ReadJson("hybrid", "x25519mlkem768-negative.json"));

    public static TheoryData<int> VectorIndexes => [.. Enumerable.Range(0, s_vectors.Value.Length)];

    public static TheoryData<string> NegativeCaseIds =>
        [.. s_negative.Value.GetProperty("cases").EnumerateArray().Select(c => c.Text("id"))];

    [Fact]
    public void Vectors_CoverAllThreeHybridGroups()
    {
        Assert.Equal(9, s_vectors.Value.Length);
        Assert.Equal(
            ["SecP256r1MLKEM768", "SecP384r1MLKEM1024", "X25519MLKEM768"],
            s_vectors.Value.Select(v => v.Text("group")).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void FullExchange_HybridVector_ReproducesSharesAndSecret(int index)
    {
        JsonElement v = s_vectors.Value[index];
        KeyExchangeGroup group = KeyExchangeGroup.Get(ParseGroup(v));

        using KeyExchangeClientShare client = group.GenerateClientShare(ClientSeeds(v, group.Group));
        using KeyExchangeServerResult server = group.Encapsulate(client.PublicShare, ServerSeeds(v, group.Group));
        byte[] clientSecret = client.DeriveSharedSecret(server.ServerShare);

        Assert.Equal(v.GetProperty("client_key_share_len").GetInt32(), group.ClientShareLength);
        Assert.Equal(v.GetProperty("server_key_share_len").GetInt32(), group.ServerShareLength);
        Assert.Equal(v.GetProperty("shared_secret_len").GetInt32(), group.SharedSecretLength);
        Assert.Equal(v.Text("client_key_share"), Convert.ToHexString(client.PublicShare), ignoreCase: true);
        Assert.Equal(v.Text("server_key_share"), Convert.ToHexString(server.ServerShare), ignoreCase: true);
        Assert.Equal(v.Text("shared_secret"), Convert.ToHexString(server.SharedSecret), ignoreCase: true);
        Assert.Equal(v.Text("shared_secret"), Convert.ToHexString(clientSecret), ignoreCase: true);
    }

    public static TheoryData<string, int> VectorIndexesWithBackends =>
        MLKemBackends.WithBackends(Enumerable.Range(0, s_vectors.Value.Length));

    [Theory]
    [MemberData(nameof(VectorIndexesWithBackends))]
    public void DeriveSharedSecret_VectorServerShare_ProducesVectorSecret(string backendName, int index)
    {
        // The client side alone, fed the vector's server share (independent of our encapsulation), with the groups
        // built over each available ML-KEM backend.
        JsonElement v = s_vectors.Value[index];
        KeyExchangeGroup group = KeyExchangeGroup.Find(
            KeyExchangeGroup.CreateGroups(MLKemBackends.ByName(backendName)),
            ParseGroup(v))!;
        using KeyExchangeClientShare client = group.GenerateClientShare(ClientSeeds(v, group.Group));

        byte[] secret = client.DeriveSharedSecret(v.Hex("server_key_share"));

        Assert.Equal(v.Text("shared_secret"), Convert.ToHexString(secret), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(NegativeCaseIds))]
    public void X25519MLKem768_NegativeCase_BehavesAsExpected(string id)
    {
        JsonElement c = s_negative.Value.GetProperty("cases").EnumerateArray().Single(x => x.Text("id") == id);
        JsonElement baseVector = s_vectors.Value.First(v => v.Text("group") == "X25519MLKEM768");
        KeyExchangeGroup group = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768);

        if (c.Text("side_under_test") == "server")
        {
            PqcTlsException e = Assert.Throws<PqcTlsException>(() => group.Encapsulate(c.Hex("client_key_share")));
            Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
            return;
        }

        using KeyExchangeClientShare client = group.GenerateClientShare(ClientSeeds(baseVector, group.Group));
        byte[] serverShare = c.Hex("server_key_share");
        if (c.Text("expected") == "abort")
        {
            PqcTlsException e = Assert.Throws<PqcTlsException>(() => client.DeriveSharedSecret(serverShare));
            Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
            return;
        }

        // server-ciphertext-bitflip: implicit rejection gives a pseudo-random secret, no error at the KEM.
        byte[] secret = client.DeriveSharedSecret(serverShare);
        Assert.Equal(c.Text("shared_secret_client_computes"), Convert.ToHexString(secret), ignoreCase: true);
        Assert.Equal(
            c.Text("mlkem_shared_secret_implicit_rejection"),
            Convert.ToHexString(secret, 0, 32),
            ignoreCase: true);
    }

    [Fact]
    public void NegativeCases_ReportTheOffendingOffsets()
    {
        Dictionary<string, JsonElement> cases =
            s_negative.Value.GetProperty("cases").EnumerateArray().ToDictionary(c => c.Text("id"));
        KeyExchangeGroup group = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768);
        JsonElement baseVector = s_vectors.Value.First(v => v.Text("group") == "X25519MLKEM768");
        using KeyExchangeClientShare client = group.GenerateClientShare(ClientSeeds(baseVector, group.Group));
        long? ServerOffset(string id) =>
            Assert.Throws<PqcTlsException>(() => group.Encapsulate(cases[id].Hex("client_key_share"))).ByteOffset;
        long? ClientOffset(string id) =>
            Assert.Throws<PqcTlsException>(() => client.DeriveSharedSecret(cases[id].Hex("server_key_share"))).ByteOffset;

        // Too short: 1215 bytes, the first missing byte is at 1215; too long: the first extra byte is at 1216.
        Assert.Equal(1215, ServerOffset("client-share-too-short"));
        Assert.Equal(1216, ServerOffset("client-share-too-long"));
        Assert.Equal(1119, ClientOffset("server-share-too-short"));

        // The X25519 part of the client share starts after the 1184-byte ek; of the server share after the 1088-byte ct.
        Assert.Equal(1184, ServerOffset("client-x25519-zero-point"));
        Assert.Equal(1184, ServerOffset("client-x25519-order8-point"));
        Assert.Equal(1088, ClientOffset("server-x25519-zero-point"));
    }

    /// <summary>Deterministic client inputs in the group's component order (ML-KEM first only for X25519MLKEM768).</summary>
    internal static byte[] ClientSeeds(JsonElement v, TlsNamedGroup group) =>
        Ordered(group, v.Hex("client_mlkem_seed"), EcdhPrivate(v, "client"));

    internal static byte[] ServerSeeds(JsonElement v, TlsNamedGroup group) =>
        Ordered(group, v.Hex("server_mlkem_m"), EcdhPrivate(v, "server"));

    private static byte[] EcdhPrivate(JsonElement v, string side) =>
        v.TryGetProperty(side + "_x25519_private", out _) ? v.Hex(side + "_x25519_private") : v.Hex(side + "_ecdh_private");

    private static byte[] Ordered(TlsNamedGroup group, byte[] mlKem, byte[] ecdh) =>
        group == TlsNamedGroup.X25519MLKem768 ? [.. mlKem, .. ecdh] : [.. ecdh, .. mlKem];

    private static TlsNamedGroup ParseGroup(JsonElement v) =>
        (TlsNamedGroup)Convert.ToUInt16(v.Text("codepoint"), 16);
}
