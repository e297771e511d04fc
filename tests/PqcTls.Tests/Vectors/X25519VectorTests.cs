using System.Text.Json;
using PqcTls.Crypto;

namespace PqcTls.Tests.Vectors;

/// <summary>X25519 against Wycheproof x25519_test.json and RFC 7748 sections 5.2 and 6.1.</summary>
public sealed class X25519VectorTests
{
    private static readonly Lazy<Dictionary<int, JsonElement>> s_wycheproof = new(() =>
        VectorFiles.Tests(VectorFiles.ReadJson("wycheproof", "x25519_test.json"))
            .ToDictionary(t => t.GetProperty("tcId").GetInt32()));

    private static readonly Lazy<JsonElement> s_rfc = new(() => VectorFiles.ReadJson("rfc7748", "x25519-rfc7748.json"));

    public static TheoryData<int> WycheproofCases => [.. s_wycheproof.Value.Keys.Order()];

    [Fact]
    public void Wycheproof_CaseCounts_MatchTheFile()
    {
        Assert.Equal(518, s_wycheproof.Value.Count);
        Assert.Equal(31, s_wycheproof.Value.Values.Count(IsZeroSharedSecret));
    }

    [Theory]
    [MemberData(nameof(WycheproofCases))]
    public void ScalarMultiply_WycheproofCase_ProducesExpectedOutput(int tcId)
    {
        JsonElement test = s_wycheproof.Value[tcId];
        var output = new byte[32];

        X25519Function.ScalarMultiply(test.Hex("private"), test.Hex("public"), output);

        Assert.Equal(test.Text("shared"), Convert.ToHexString(output), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(WycheproofCases))]
    public void X25519GroupEncapsulate_WycheproofCase_RejectsExactlyTheZeroSharedSecrets(int tcId)
    {
        JsonElement test = s_wycheproof.Value[tcId];
        var group = KeyExchangeGroup.Get(TlsNamedGroup.X25519);

        // The vector's private key plays the server's ephemeral key, its public key the client share.
        if (IsZeroSharedSecret(test))
        {
            PqcTlsException e = Assert.Throws<PqcTlsException>(
                () => group.Encapsulate(test.Hex("public"), test.Hex("private")));
            Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
            Assert.Equal(0, e.ByteOffset);
            return;
        }

        using KeyExchangeServerResult result = group.Encapsulate(test.Hex("public"), test.Hex("private"));
        Assert.Equal(test.Text("shared"), Convert.ToHexString(result.SharedSecret), ignoreCase: true);
    }

    [Fact]
    public void ScalarMultiply_Rfc7748SingleVectors_ProduceExpectedOutputs()
    {
        foreach (JsonElement vector in s_rfc.Value.GetProperty("single").EnumerateArray())
        {
            var output = new byte[32];
            X25519Function.ScalarMultiply(vector.Hex("k"), vector.Hex("u"), output);
            Assert.Equal(vector.Text("out"), Convert.ToHexString(output), ignoreCase: true);
        }
    }

    [Theory]
    [InlineData(1, "after_1")]
    [InlineData(1000, "after_1000")]
    public void ScalarMultiply_Rfc7748Iterated_ProducesExpectedOutput(int iterations, string property)
    {
        // RFC 7748 section 5.2: k = u = 9; repeat r = X25519(k, u); u = k; k = r. The 1,000,000-iteration value takes
        // about two minutes with BouncyCastle, so it is not part of this suite.
        var k = new byte[32];
        var u = new byte[32];
        var r = new byte[32];
        k[0] = 9;
        u[0] = 9;
        for (int i = 0; i < iterations; i++)
        {
            X25519Function.ScalarMultiply(k, u, r);
            k.CopyTo(u, 0);
            r.CopyTo(k, 0);
        }

        Assert.Equal(s_rfc.Value.GetProperty("iterated").Text(property), Convert.ToHexString(k), ignoreCase: true);
    }

    [Fact]
    public void X25519Group_Rfc7748DiffieHellman_BothSidesDeriveTheSharedSecret()
    {
        JsonElement dh = s_rfc.Value.GetProperty("diffie_hellman");
        KeyExchangeGroup group = KeyExchangeGroup.Get(TlsNamedGroup.X25519);

        using KeyExchangeClientShare alice = group.GenerateClientShare(dh.Hex("alice_private"));
        using KeyExchangeServerResult bob = group.Encapsulate(alice.PublicShare, dh.Hex("bob_private"));
        byte[] aliceSecret = alice.DeriveSharedSecret(bob.ServerShare);

        Assert.Equal(dh.Text("alice_public"), Convert.ToHexString(alice.PublicShare), ignoreCase: true);
        Assert.Equal(dh.Text("bob_public"), Convert.ToHexString(bob.ServerShare), ignoreCase: true);
        Assert.Equal(dh.Text("shared"), Convert.ToHexString(aliceSecret), ignoreCase: true);
        Assert.Equal(dh.Text("shared"), Convert.ToHexString(bob.SharedSecret), ignoreCase: true);
    }

    private static bool IsZeroSharedSecret(JsonElement test) =>
        test.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "ZeroSharedSecret");
}
