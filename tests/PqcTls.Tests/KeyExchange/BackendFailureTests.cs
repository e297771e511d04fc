using System.Security.Cryptography;
using PqcTls.Crypto;
using PqcTls.KeyExchange;

namespace PqcTls.Tests.KeyExchange;

/// <summary>How backend failures surface: internal_error (draft-ietf-tls-ecdhe-mlkem), never a raw exception.</summary>
public sealed class BackendFailureTests
{
    [Fact]
    public void DeriveSharedSecret_BackendDecapsulationFails_InternalErrorAtMLKemOffset()
    {
        KeyExchangeGroup group = HybridOver(new FailingBackend(failEncapsulation: false));
        using KeyExchangeClientShare client = group.GenerateClientShare();

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => client.DeriveSharedSecret(new byte[1120]));

        Assert.Equal(TlsAlertDescription.InternalError, e.Alert);
        Assert.Equal(0, e.ByteOffset);
        Assert.IsType<CryptographicException>(e.InnerException);
    }

    [Fact]
    public void Encapsulate_BackendEncapsulationFails_InternalError()
    {
        KeyExchangeGroup group = HybridOver(new FailingBackend(failEncapsulation: true));
        using KeyExchangeClientShare client = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768).GenerateClientShare();

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => group.Encapsulate(client.PublicShare));

        Assert.Equal(TlsAlertDescription.InternalError, e.Alert);
        Assert.Contains("encapsulation", e.Message, StringComparison.Ordinal);
    }

    private static KeyExchangeGroup HybridOver(MLKemBackend backend) => new CompositeKeyExchangeGroup(
        TlsNamedGroup.X25519MLKem768,
        new MLKemComponent(MLKemParameterSet.MLKem768, backend),
        X25519Component.Instance);

    /// <summary>BouncyCastle keys whose decapsulation, or an encapsulation, fails the way a native library can.</summary>
    private sealed class FailingBackend(bool failEncapsulation) : MLKemBackend
    {
        public override string Name => "Failing";

        public override bool SupportsDeterministicEncapsulation => false;

        protected override MLKemPrivateKey GenerateKeyCore(MLKemParameterSet parameters, ReadOnlySpan<byte> seed) =>
            new FailingKey(BouncyCastleMLKemBackend.Instance.GenerateKey(parameters, seed));

        protected override MLKemPrivateKey ImportDecapsulationKeyCore(
            MLKemParameterSet parameters,
            ReadOnlySpan<byte> decapsulationKey) => throw new CryptographicException("import failed");

        protected override void EncapsulateCore(
            MLKemParameterSet parameters,
            ReadOnlySpan<byte> encapsulationKey,
            ReadOnlySpan<byte> randomness,
            Span<byte> ciphertext,
            Span<byte> sharedSecret)
        {
            if (failEncapsulation)
            {
                throw new CryptographicException("encapsulation failed");
            }

            BouncyCastleMLKemBackend.Instance.Encapsulate(
                parameters, encapsulationKey, randomness, ciphertext, sharedSecret);
        }
    }

    private sealed class FailingKey(MLKemPrivateKey inner) : MLKemPrivateKey(inner.Parameters)
    {
        public override void ExportEncapsulationKey(Span<byte> destination) => inner.ExportEncapsulationKey(destination);

        public override void ExportDecapsulationKey(Span<byte> destination) => inner.ExportDecapsulationKey(destination);

        protected override void DecapsulateCore(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret) =>
            throw new CryptographicException("decapsulation failed");

        protected override void Dispose(bool disposing) => inner.Dispose();
    }
}
