using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PqcTls.Handshake;

namespace PqcTls.Tests.Handshake;

public sealed class ClientHelloReaderOptionsTests
{
    [Theory]
    [InlineData(63, 1000, false)]
    [InlineData(64, 1000, true)]
    [InlineData(0xFFFFFF, 1000, true)]
    [InlineData(0x1000000, 1000, false)]
    [InlineData(16384, 0, false)]
    [InlineData(16384, -1, true)]
    public void Validate_Limits_AcceptsOnlyTheAllowedRange(int maxLength, int timeoutMs, bool valid)
    {
        var options = new ClientHelloReaderOptions { MaxClientHelloLength = maxLength, Timeout = TimeSpan.FromMilliseconds(timeoutMs) };

        ValidateOptionsResult result = new ClientHelloReaderOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public void AddClientHelloReaderOptions_InvalidLimit_FailsWhenResolved()
    {
        var services = new ServiceCollection();
        services.AddClientHelloReaderOptions(o => o.MaxClientHelloLength = 10);
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ClientHelloReaderOptions>>().Value);

        Assert.Contains("MaxClientHelloLength", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddClientHelloReaderOptions_ValidLimit_ReaderUsesIt()
    {
        var services = new ServiceCollection();
        services.AddClientHelloReaderOptions(o => o.MaxClientHelloLength = 1000);
        using ServiceProvider provider = services.BuildServiceProvider();
        ClientHelloReaderOptions options = provider.GetRequiredService<IOptions<ClientHelloReaderOptions>>().Value;
        var reader = new ClientHelloReader(options);

        PqcTlsException e = Assert.Throws<PqcTlsException>(() => reader.TryRead(new System.Buffers.ReadOnlySequence<byte>(Support.TestHellos.HybridRecord()), out _, out _));

        Assert.Equal(TlsAlertDescription.DecodeError, e.Alert);
    }
}
