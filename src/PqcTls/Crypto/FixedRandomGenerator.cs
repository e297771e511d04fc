using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Prng;

namespace PqcTls.Crypto;

/// <summary>
/// A BouncyCastle random generator that hands out exactly the bytes it was given: the way to feed FIPS 203's m into
/// BouncyCastle's encapsulator, which draws m from its <c>SecureRandom</c>. Asking for more bytes than it holds throws.
/// </summary>
internal sealed class FixedRandomGenerator : IRandomGenerator
{
    private readonly byte[] _bytes;
    private int _position;

    public FixedRandomGenerator(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes.ToArray();
    }

    public void AddSeedMaterial(byte[] seed)
    {
    }

    public void AddSeedMaterial(ReadOnlySpan<byte> seed)
    {
    }

    public void AddSeedMaterial(long seed)
    {
    }

    public void NextBytes(byte[] bytes) => NextBytes(bytes.AsSpan());

    public void NextBytes(byte[] bytes, int start, int len) => NextBytes(bytes.AsSpan(start, len));

    public void NextBytes(Span<byte> bytes)
    {
        if (bytes.Length > _bytes.Length - _position)
        {
            throw new InvalidOperationException(
                $"The fixed random generator holds {_bytes.Length - _position} more bytes; {bytes.Length} were requested.");
        }

        _bytes.AsSpan(_position, bytes.Length).CopyTo(bytes);
        _position += bytes.Length;
        if (_position == _bytes.Length)
        {
            CryptographicOperations.ZeroMemory(_bytes);
        }
    }
}
