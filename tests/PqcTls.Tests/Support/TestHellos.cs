using PqcTls.Handshake;

namespace PqcTls.Tests.Support;

/// <summary>ClientHellos with fixed, recognizable contents for parser tests.</summary>
internal static class TestHellos
{
    /// <summary>Bytes 0, 1, 2, ... so that any misplaced copy shows.</summary>
    public static byte[] Pattern(int length, int seed = 0)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 7 + seed);
        }

        return bytes;
    }

    public static ClientHelloOptions Options(string? host = "hybrid.example.test")
    {
        var options = new ClientHelloOptions
        {
            ServerName = host,
            Random = Pattern(32, 1),
            SessionId = Pattern(32, 2),
        };
        options.ApplicationProtocols.Add("h2");
        options.ApplicationProtocols.Add("http/1.1");
        return options;
    }

    /// <summary>A hybrid ClientHello shaped like OpenSSL 3.5's: 1216-byte X25519MLKEM768 share plus a 32-byte X25519 share.</summary>
    public static TlsKeyShare[] HybridShares() =>
    [
        new(TlsNamedGroup.X25519MLKem768, Pattern(1216, 3)),
        new(TlsNamedGroup.X25519, Pattern(32, 4)),
    ];

    public static byte[] HybridMessage() => ClientHelloBuilder.BuildMessage(Options(), HybridShares());

    public static byte[] HybridRecord() => ClientHelloBuilder.BuildRecords(Options(), HybridShares());
}
