using PqcTls.Crypto;
using PqcTls.KeyExchange;

namespace PqcTls.Tests.KeyExchange;

public sealed class DraftKyberProbeShareTests
{
    [Fact]
    public void Create_Share_IsX25519FirstThenAReducedKyberKey()
    {
        byte[] share = DraftKyberProbeShare.Create();

        // 32-byte X25519 key first, then the 1184-byte key that passes the FIPS 203 modulus check (so a Kyber server's
        // key parsing accepts it).
        Assert.Equal(32 + 1184, share.Length);
        Assert.True(MLKemEncapsulationKeyCheck.IsModulusValid(MLKemParameterSet.MLKem768, share.AsSpan(32), out _));

        // The X25519 part is a usable public key: agreement with a fixed scalar gives a non-zero secret.
        byte[] scalar = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
        var secret = new byte[32];
        Assert.True(X25519Function.TryAgree(scalar, share.AsSpan(0, 32), secret));
    }

    [Fact]
    public void Create_TwoShares_Differ()
    {
        Assert.NotEqual(DraftKyberProbeShare.Create(), DraftKyberProbeShare.Create());
    }
}
