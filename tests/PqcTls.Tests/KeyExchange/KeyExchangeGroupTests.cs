using S = PqcTls.KeyExchange.KeyExchangeSizes;

namespace PqcTls.Tests.KeyExchange;

public sealed class KeyExchangeGroupTests
{
    public static TheoryData<TlsNamedGroup, int, int, int> SupportedGroups => new()
    {
        // Lengths from draft-ietf-tls-ecdhe-mlkem / FIPS 203 table 3: ek 1184 (768) or 1568 (1024), ct 1088 or 1568,
        // X25519 32, P-256 point 1 + 2*32 = 65, P-384 point 1 + 2*48 = 97, ML-KEM secret 32.
        { TlsNamedGroup.X25519MLKem768, 1184 + 32, 1088 + 32, 32 + 32 },
        { TlsNamedGroup.SecP256r1MLKem768, 65 + 1184, 65 + 1088, 32 + 32 },
        { TlsNamedGroup.SecP384r1MLKem1024, 97 + 1568, 97 + 1568, 48 + 32 },
        { TlsNamedGroup.X25519, 32, 32, 32 },
        { TlsNamedGroup.Secp256r1, 65, 65, 32 },
        { TlsNamedGroup.Secp384r1, 97, 97, 48 },
    };

    [Theory]
    [MemberData(nameof(SupportedGroups))]
    public void Get_SupportedGroup_HasDraftLengths(TlsNamedGroup group, int client, int server, int secret)
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(group);

        Assert.Equal(group, keyExchange.Group);
        Assert.Equal(client, keyExchange.ClientShareLength);
        Assert.Equal(server, keyExchange.ServerShareLength);
        Assert.Equal(secret, keyExchange.SharedSecretLength);
        Assert.Same(keyExchange, KeyExchangeGroup.Get(group));
        Assert.True(TlsNamedGroups.IsSupported(group));
    }

    [Theory]
    [MemberData(nameof(SupportedGroups))]
    public void FullExchange_RandomKeys_BothSidesAgree(TlsNamedGroup group, int client, int server, int secret)
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(group);

        using KeyExchangeClientShare clientShare = keyExchange.GenerateClientShare();
        using KeyExchangeServerResult result = keyExchange.Encapsulate(clientShare.PublicShare);
        byte[] clientSecret = clientShare.DeriveSharedSecret(result.ServerShare);

        Assert.Equal(group, clientShare.Group);
        Assert.Equal(client, clientShare.PublicShare.Length);
        Assert.Equal(server, result.ServerShare.Length);
        Assert.Equal(secret, clientSecret.Length);
        Assert.Equal(result.SharedSecret.ToArray(), clientSecret);
        Assert.Contains(clientSecret, b => b != 0);
    }

    [Fact]
    public void GenerateClientShare_TwoCalls_GiveDifferentShares()
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768);

        using KeyExchangeClientShare first = keyExchange.GenerateClientShare();
        using KeyExchangeClientShare second = keyExchange.GenerateClientShare();

        Assert.False(first.PublicShare.SequenceEqual(second.PublicShare));
    }

    [Theory]
    [InlineData(TlsNamedGroup.X25519Kyber768Draft00, "Kyber round 3")]
    [InlineData(TlsNamedGroup.SecP256r1Kyber768Draft00, "Kyber round 3")]
    [InlineData(TlsNamedGroup.MLKem768, "not implemented")]
    [InlineData((TlsNamedGroup)0x1234, "0x1234")]
    public void Get_UnsupportedGroup_ThrowsNotSupportedWithReason(TlsNamedGroup group, string expectedText)
    {
        NotSupportedException e = Assert.Throws<NotSupportedException>(() => KeyExchangeGroup.Get(group));

        Assert.Contains(expectedText, e.Message, StringComparison.Ordinal);
        Assert.False(KeyExchangeGroup.TryGet(group, out KeyExchangeGroup? none));
        Assert.Null(none);
        Assert.False(TlsNamedGroups.IsSupported(group));
    }

    [Theory]
    [InlineData(TlsNamedGroup.X25519MLKem768, "X25519MLKEM768", true, true)]
    [InlineData(TlsNamedGroup.SecP256r1MLKem768, "SecP256r1MLKEM768", true, true)]
    [InlineData(TlsNamedGroup.SecP384r1MLKem1024, "SecP384r1MLKEM1024", true, true)]
    [InlineData(TlsNamedGroup.X25519Kyber768Draft00, "X25519Kyber768Draft00", true, true)]
    [InlineData(TlsNamedGroup.MLKem1024, "MLKEM1024", false, true)]
    [InlineData(TlsNamedGroup.X25519, "x25519", false, false)]
    [InlineData(TlsNamedGroup.Secp256r1, "secp256r1", false, false)]
    [InlineData(TlsNamedGroup.Secp384r1, "secp384r1", false, false)]
    [InlineData((TlsNamedGroup)0x0A0A, "0x0A0A", false, false)]
    public void TlsNamedGroups_KnownCodePoints_HaveIanaNamesAndKinds(TlsNamedGroup group, string name, bool hybrid, bool pq)
    {
        Assert.Equal(name, TlsNamedGroups.GetName(group));
        Assert.Equal(hybrid, TlsNamedGroups.IsHybrid(group));
        Assert.Equal(pq, TlsNamedGroups.IsPostQuantum(group));
    }

    [Theory]
    [InlineData(
        TlsNamedGroup.X25519MLKem768,
        S.X25519MLKem768ClientShare,
        S.X25519MLKem768ServerShare,
        S.X25519MLKem768Secret)]
    [InlineData(
        TlsNamedGroup.SecP256r1MLKem768,
        S.SecP256r1MLKem768ClientShare,
        S.SecP256r1MLKem768ServerShare,
        S.SecP256r1MLKem768Secret)]
    [InlineData(
        TlsNamedGroup.SecP384r1MLKem1024,
        S.SecP384r1MLKem1024ClientShare,
        S.SecP384r1MLKem1024ServerShare,
        S.SecP384r1MLKem1024Secret)]
    [InlineData(TlsNamedGroup.Secp256r1, S.P256Point, S.P256Point, S.P256Secret)]
    [InlineData(TlsNamedGroup.Secp384r1, S.P384Point, S.P384Point, S.P384Secret)]
    public void Lengths_ComposedFromComponents_MatchTheNamedConstants(
        TlsNamedGroup group,
        int client,
        int server,
        int secret)
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(group);

        Assert.Equal(client, keyExchange.ClientShareLength);
        Assert.Equal(server, keyExchange.ServerShareLength);
        Assert.Equal(secret, keyExchange.SharedSecretLength);
    }

    [Fact]
    public void IsSupported_EveryNamedValue_AgreesWithTryGet()
    {
        foreach (TlsNamedGroup group in Enum.GetValues<TlsNamedGroup>())
        {
            Assert.Equal(TlsNamedGroups.IsSupported(group), KeyExchangeGroup.TryGet(group, out _));
            Assert.DoesNotContain("0x", TlsNamedGroups.GetName(group), StringComparison.Ordinal);
            Assert.True(!TlsNamedGroups.IsHybrid(group) || TlsNamedGroups.IsPostQuantum(group));
        }
    }

    [Theory]
    [InlineData(TlsNamedGroup.X25519MLKem768, 0x11EC)]
    [InlineData(TlsNamedGroup.SecP256r1MLKem768, 0x11EB)]
    [InlineData(TlsNamedGroup.SecP384r1MLKem1024, 0x11ED)]
    [InlineData(TlsNamedGroup.X25519Kyber768Draft00, 0x6399)]
    [InlineData(TlsNamedGroup.X25519, 0x001D)]
    [InlineData(TlsNamedGroup.Secp256r1, 0x0017)]
    [InlineData(TlsNamedGroup.Secp384r1, 0x0018)]
    public void TlsNamedGroup_Values_AreIanaCodePoints(TlsNamedGroup group, int codePoint) =>
        Assert.Equal(codePoint, (ushort)group);

    [Theory]
    [InlineData(TlsNamedGroup.X25519MLKem768, 1216, 1120)]
    [InlineData(TlsNamedGroup.SecP256r1MLKem768, 1249, 1153)]
    [InlineData(TlsNamedGroup.SecP384r1MLKem1024, 1665, 1665)]
    [InlineData(TlsNamedGroup.X25519, 32, 32)]
    [InlineData(TlsNamedGroup.Secp256r1, 65, 65)]
    public void WrongLengthShares_BothSides_IllegalParameterWithOffset(TlsNamedGroup group, int client, int server)
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(group);
        using KeyExchangeClientShare share = keyExchange.GenerateClientShare();

        foreach (int delta in new[] { -1, 1 })
        {
            PqcTlsException e1 = Assert.Throws<PqcTlsException>(() => keyExchange.Encapsulate(new byte[client + delta]));
            PqcTlsException e2 = Assert.Throws<PqcTlsException>(() => share.DeriveSharedSecret(new byte[server + delta]));

            Assert.Equal(TlsAlertDescription.IllegalParameter, e1.Alert);
            Assert.Equal(TlsAlertDescription.IllegalParameter, e2.Alert);
            Assert.Equal(Math.Min(client, client + delta), e1.ByteOffset);
            Assert.Equal(Math.Min(server, server + delta), e2.ByteOffset);
            Assert.Contains($"must be exactly {client} bytes; found {client + delta}", e1.Message, StringComparison.Ordinal);
        }

        Assert.Throws<PqcTlsException>(() => keyExchange.Encapsulate(ReadOnlySpan<byte>.Empty));
    }

    [Theory]
    [InlineData(TlsNamedGroup.SecP256r1MLKem768, 0x02, "uncompressed")]
    [InlineData(TlsNamedGroup.SecP256r1MLKem768, 0x00, "uncompressed")]
    [InlineData(TlsNamedGroup.Secp384r1, 0x03, "uncompressed")]
    public void Encapsulate_NonUncompressedPoint_IllegalParameterAtOffsetZero(TlsNamedGroup group, byte tag, string text)
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(group);
        using KeyExchangeClientShare share = keyExchange.GenerateClientShare();
        byte[] bad = share.PublicShare.ToArray();
        bad[0] = tag;

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => keyExchange.Encapsulate(bad));

        Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
        Assert.Equal(0, e.ByteOffset);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TlsNamedGroup.SecP256r1MLKem768)]
    [InlineData(TlsNamedGroup.SecP384r1MLKem1024)]
    [InlineData(TlsNamedGroup.Secp256r1)]
    public void Encapsulate_PointOffTheCurve_IllegalParameter(TlsNamedGroup group)
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(group);
        using KeyExchangeClientShare share = keyExchange.GenerateClientShare();
        byte[] bad = share.PublicShare.ToArray();

        // Flipping the lowest bit of y gives y' = y ± 1. For the same x only y and p - y are on the curve, and
        // y ± 1 = p - y would need y = (p ∓ 1) / 2, which a random key hits with probability about 2^-255.
        int yLast = group == TlsNamedGroup.SecP384r1MLKem1024 ? 96 : 64;
        bad[yLast] ^= 0x01;

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => keyExchange.Encapsulate(bad));

        Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
        Assert.Equal(0, e.ByteOffset);
        Assert.Contains("not on the curve", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TlsNamedGroup.Secp256r1, "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff")]
    [InlineData(
        TlsNamedGroup.Secp384r1,
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff")]
    public void Encapsulate_CoordinateEqualToFieldPrime_IllegalParameter(TlsNamedGroup group, string primeHex)
    {
        // x = p (SEC 2 field primes) is not a field element; with y = 0 the point must be refused, not reduced.
        byte[] prime = Convert.FromHexString(primeHex);
        byte[] share = [0x04, .. prime, .. new byte[prime.Length]];

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => KeyExchangeGroup.Get(group).Encapsulate(share));

        Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
        Assert.Equal(0, e.ByteOffset);
    }

    [Fact]
    public void DeriveSharedSecret_ServerPointOffTheCurve_IllegalParameter()
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(TlsNamedGroup.SecP256r1MLKem768);
        using KeyExchangeClientShare share = keyExchange.GenerateClientShare();
        using KeyExchangeServerResult server = keyExchange.Encapsulate(share.PublicShare);
        byte[] bad = server.ServerShare.ToArray();
        bad[1] ^= 0x80;

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => share.DeriveSharedSecret(bad));

        Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
        Assert.Equal(0, e.ByteOffset);
    }

    [Fact]
    public void Encapsulate_UnreducedCoefficientInSecP256Hybrid_OffsetCountsThePointFirst()
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(TlsNamedGroup.SecP256r1MLKem768);
        using KeyExchangeClientShare share = keyExchange.GenerateClientShare();
        byte[] bad = share.PublicShare.ToArray();

        // Coefficient 0 of the ek (bytes 65 and low nibble of 66) set to 0xFFF = 4095 >= q = 3329.
        bad[65] = 0xFF;
        bad[66] |= 0x0F;

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => keyExchange.Encapsulate(bad));

        Assert.Equal(TlsAlertDescription.IllegalParameter, e.Alert);
        Assert.Equal(65, e.ByteOffset);
        Assert.Contains("modulus check", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ClientShare_RefusesFurtherUse()
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768);
        KeyExchangeClientShare share = keyExchange.GenerateClientShare();
        using KeyExchangeServerResult server = keyExchange.Encapsulate(share.PublicShare);

        share.Dispose();
        share.Dispose();

        Assert.Throws<ObjectDisposedException>(() => share.DeriveSharedSecret(server.ServerShare));
    }

    [Fact]
    public void Dispose_ServerResult_ZeroesTheSecret()
    {
        KeyExchangeGroup keyExchange = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768);
        using KeyExchangeClientShare share = keyExchange.GenerateClientShare();
        KeyExchangeServerResult server = keyExchange.Encapsulate(share.PublicShare);
        byte[] secretField = (byte[])typeof(KeyExchangeServerResult)
            .GetField("_sharedSecret", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(server)!;
        Assert.Contains(secretField, b => b != 0);

        server.Dispose();

        Assert.All(secretField, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => server.SharedSecret.Length);
        Assert.Equal(1120, server.ServerShare.Length);
    }

    [Fact]
    public void FullExchange_ManyThreadsSharingTheGroupInstances_AllAgree()
    {
        TlsNamedGroup[] groups =
            [TlsNamedGroup.X25519MLKem768, TlsNamedGroup.SecP256r1MLKem768, TlsNamedGroup.SecP384r1MLKem1024];
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 24, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            KeyExchangeGroup group = KeyExchangeGroup.Get(groups[i % groups.Length]);
            using KeyExchangeClientShare client = group.GenerateClientShare();
            using KeyExchangeServerResult server = group.Encapsulate(client.PublicShare);
            if (!client.DeriveSharedSecret(server.ServerShare).AsSpan().SequenceEqual(server.SharedSecret))
            {
                failures.Add($"{group} round {i}");
            }
        });

        Assert.Empty(failures);
    }
}
