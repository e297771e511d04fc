using System.Security.Cryptography;
using PqcTls.Crypto;

namespace PqcTls.KeyExchange;

/// <summary>The X25519 part of a group (RFC 7748, RFC 8446 section 7.4.2): 32-byte shares and secret.</summary>
internal sealed class X25519Component : KeyExchangeComponent
{
    public static X25519Component Instance { get; } = new();

    public override string Name => "X25519";

    public override int ClientShareLength => X25519Function.Length;

    public override int ServerShareLength => X25519Function.Length;

    public override int SecretLength => X25519Function.Length;

    public override int ClientSeedLength => X25519Function.Length;

    public override int ServerSeedLength => X25519Function.Length;

    public override KeyExchangeComponentKey CreateClientKey(ReadOnlySpan<byte> seed, Span<byte> clientShare)
    {
        var privateKey = new byte[X25519Function.Length];
        if (seed.IsEmpty)
        {
            RandomNumberGenerator.Fill(privateKey);
        }
        else
        {
            seed[..X25519Function.Length].CopyTo(privateKey);
        }

        X25519Function.GetPublicKey(privateKey, clientShare[..X25519Function.Length]);
        return new Key(privateKey);
    }

    public override void Respond(
        ReadOnlySpan<byte> clientShare,
        ReadOnlySpan<byte> seed,
        Span<byte> serverShare,
        Span<byte> secret,
        in KeyShareContext context)
    {
        Span<byte> privateKey = stackalloc byte[X25519Function.Length];
        try
        {
            if (seed.IsEmpty)
            {
                RandomNumberGenerator.Fill(privateKey);
            }
            else
            {
                seed[..X25519Function.Length].CopyTo(privateKey);
            }

            if (!X25519Function.TryAgree(privateKey, clientShare, secret[..X25519Function.Length]))
            {
                KeyExchangeThrowHelper.ThrowAllZeroX25519(context);
            }

            X25519Function.GetPublicKey(privateKey, serverShare[..X25519Function.Length]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    private sealed class Key : KeyExchangeComponentKey
    {
        private readonly byte[] _privateKey;

        public Key(byte[] privateKey)
        {
            _privateKey = privateKey;
        }

        public override void Complete(ReadOnlySpan<byte> serverShare, Span<byte> secret, in KeyShareContext context)
        {
            if (!X25519Function.TryAgree(_privateKey, serverShare, secret[..X25519Function.Length]))
            {
                KeyExchangeThrowHelper.ThrowAllZeroX25519(context);
            }
        }

        protected override void Dispose(bool disposing) => CryptographicOperations.ZeroMemory(_privateKey);
    }
}
