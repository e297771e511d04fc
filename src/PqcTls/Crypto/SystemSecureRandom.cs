using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;

namespace PqcTls.Crypto;

/// <summary>A thread-safe BouncyCastle <see cref="SecureRandom"/> over the operating system's CSPRNG.</summary>
internal static class SystemSecureRandom
{
    public static SecureRandom Instance { get; } = new(new OperatingSystemGenerator());

    private sealed class OperatingSystemGenerator : IRandomGenerator
    {
        public void AddSeedMaterial(byte[] seed)
        {
        }

        public void AddSeedMaterial(ReadOnlySpan<byte> seed)
        {
        }

        public void AddSeedMaterial(long seed)
        {
        }

        public void NextBytes(byte[] bytes) => RandomNumberGenerator.Fill(bytes);

        public void NextBytes(byte[] bytes, int start, int len) => RandomNumberGenerator.Fill(bytes.AsSpan(start, len));

        public void NextBytes(Span<byte> bytes) => RandomNumberGenerator.Fill(bytes);
    }
}
