using PqcTls.Handshake;
using PqcTls.Tests.Support;
using Bc = Org.BouncyCastle.Tls;

namespace PqcTls.Tests.Handshake;

public sealed class ClientHelloBuilderTests
{
    [Fact]
    public void BuildMessage_HybridOptions_HasHandCalculatedLength()
    {
        // header 4 + version 2 + random 32 + session id 1+32 + suites 2+6 + compression 2 = 81; extensions length 2 = 83
        // server_name 4+2+1+2+19 = 28 -> 111; supported_groups 4+2+8 = 14 -> 125; signature_algorithms 4+2+18 = 24 -> 149
        // ALPN 4+2+(1+2)+(1+8) = 18 -> 167; supported_versions 4+1+2 = 7 -> 174; psk modes 4+2 = 6 -> 180
        // key_share 4+2+(4+1216)+(4+32) = 1262 -> 1442.
        byte[] message = TestHellos.HybridMessage();

        Assert.Equal(1442, message.Length);
        Assert.Equal(1, message[0]);
        Assert.Equal(1442 - 4, (message[1] << 16) | (message[2] << 8) | message[3]);
    }

    [Fact]
    public void BuildRecords_HybridOptions_OneRecordWithTls10RecordVersion()
    {
        byte[] record = TestHellos.HybridRecord();

        Assert.Equal(1447, record.Length);
        Assert.Equal(new byte[] { 22, 3, 1, 0x05, 0xA2 }, record[..5]);
    }

    [Fact]
    public void BuildMessage_ParsedByBouncyCastle_FieldsMatch()
    {
        byte[] message = TestHellos.HybridMessage();

        using var body = new MemoryStream(message[4..]);
        Bc.ClientHello bc = Bc.ClientHello.Parse(body, null);

        Assert.Equal(TestHellos.Pattern(32, 1), bc.Random);
        Assert.Equal(TestHellos.Pattern(32, 2), bc.SessionID);
        Assert.Equal(new[] { 0x1301, 0x1302, 0x1303 }, bc.CipherSuites);
        var names = Bc.TlsExtensionsUtilities.GetServerNameExtensionClient(bc.Extensions);
        Assert.Equal("hybrid.example.test", System.Text.Encoding.ASCII.GetString(names[0].NameData));
        Assert.Equal(new[] { 0x11EC, 0x001D, 0x0017, 0x0018 }, Bc.TlsExtensionsUtilities.GetSupportedGroupsExtension(bc.Extensions));
        var shares = Bc.TlsExtensionsUtilities.GetKeyShareClientHello(bc.Extensions);
        Assert.Equal(2, shares.Count);
        Assert.Equal(0x11EC, shares[0].NamedGroup);
        Assert.Equal(TestHellos.Pattern(1216, 3), shares[0].KeyExchange);
        Assert.Equal(TestHellos.Pattern(32, 4), shares[1].KeyExchange);
        var alpn = Bc.TlsExtensionsUtilities.GetAlpnExtensionClient(bc.Extensions);
        Assert.Equal(new[] { "h2", "http/1.1" }, alpn.Select(p => p.GetUtf8Decoding()));
        var versions = Bc.TlsExtensionsUtilities.GetSupportedVersionsExtensionClient(bc.Extensions);
        Assert.True(Bc.ProtocolVersion.Contains(versions, Bc.ProtocolVersion.TLSv13));
    }

    [Fact]
    public void BuildMessage_PadToLength_MessageHasExactlyThatLength()
    {
        ClientHelloOptions options = TestHellos.Options();
        options.PadToLength = 2048;

        byte[] message = ClientHelloBuilder.BuildMessage(options, TestHellos.HybridShares());

        // 1442 unpadded; padding extension = 4 header bytes + 2048 - 1442 - 4 = 602 zero bytes.
        Assert.Equal(2048, message.Length);
        Assert.Equal(602, ClientHello.Parse(message).PaddingLength);
    }

    [Fact]
    public void BuildMessage_Grease_AddsReservedValuesThatParse()
    {
        ClientHelloOptions options = TestHellos.Options();
        options.UseGrease = true;

        ClientHello hello = ClientHello.Parse(ClientHelloBuilder.BuildMessage(options, TestHellos.HybridShares()));

        Assert.True(ClientHello.IsGrease(hello.CipherSuites[0]));
        Assert.True(ClientHello.IsGrease((ushort)hello.SupportedGroups[0]));
        Assert.True(ClientHello.IsGrease(hello.SupportedVersions[0]));
        Assert.True(ClientHello.IsGrease(hello.ExtensionTypes[0]));
        Assert.True(ClientHello.IsGrease(hello.ExtensionTypes[^1]));
        Assert.Equal(3, hello.KeyShares.Count);
        Assert.Equal(1, hello.KeyShares[0].KeyExchange.Length);
    }

    [Theory]
    [InlineData((ushort)0x0A0A, true)]
    [InlineData((ushort)0xFAFA, true)]
    [InlineData((ushort)0x0A1A, false)]
    [InlineData((ushort)0x11EC, false)]
    public void IsGrease_CodePoint_MatchesRfc8701(ushort value, bool expected)
    {
        Assert.Equal(expected, ClientHello.IsGrease(value));
    }

    [Fact]
    public void BuildMessage_ShareForUnlistedGroup_Throws()
    {
        ClientHelloOptions options = TestHellos.Options();
        options.SupportedGroups.Remove(TlsNamedGroup.X25519);

        Assert.Throws<ArgumentException>(() => ClientHelloBuilder.BuildMessage(options, TestHellos.HybridShares()));
    }

    [Fact]
    public void BuildMessage_SharesOutOfOrder_Throws()
    {
        TlsKeyShare[] shares = TestHellos.HybridShares().Reverse().ToArray();

        Assert.Throws<ArgumentException>(() => ClientHelloBuilder.BuildMessage(TestHellos.Options(), shares));
    }

    [Theory]
    [InlineData("bücher.example")]
    [InlineData("")]
    [InlineData("host name")]
    public void BuildMessage_BadHostName_Throws(string host)
    {
        Assert.Throws<ArgumentException>(() => ClientHelloBuilder.BuildMessage(TestHellos.Options(host), TestHellos.HybridShares()));
    }

    [Fact]
    public void BuildMessage_Cookie_IsEchoed()
    {
        ClientHelloOptions options = TestHellos.Options();
        options.Cookie = new byte[] { 9, 8, 7 };

        ClientHello hello = ClientHello.Parse(ClientHelloBuilder.BuildMessage(options, TestHellos.HybridShares()));

        Assert.Equal(new byte[] { 9, 8, 7 }, hello.Cookie.ToArray());
        Assert.Equal(new ushort[] { 0x0304 }, hello.SupportedVersions);
    }

    [Theory]
    [InlineData(1443, 1446)]
    [InlineData(1445, 1446)]
    [InlineData(1446, 1446)]
    [InlineData(1447, 1447)]
    [InlineData(1442, 1442)]
    public void BuildMessage_PadToLengthJustAbove_UsesAtLeastTheExtensionHeader(int target, int expected)
    {
        ClientHelloOptions options = TestHellos.Options();
        options.PadToLength = target;

        byte[] message = ClientHelloBuilder.BuildMessage(options, TestHellos.HybridShares());

        // Unpadded 1442 bytes: 1..3 missing bytes still need the 4-byte padding header (-> 1446); 1442 needs none.
        Assert.Equal(expected, message.Length);
    }
}
