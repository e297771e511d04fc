using System.Security.Cryptography;
using PqcTls.Crypto;

namespace PqcTls.KeyExchange;

/// <summary>The P-256 or P-384 ECDH part of a group: uncompressed points, the x-coordinate as the secret.</summary>
internal sealed class NistEcdhComponent : KeyExchangeComponent
{
    // Rejection sampling of a scalar in [1, n-1]; for P-256 and P-384 one draw fails with probability below 2^-32,
    // so this bound is never reached in practice and only stops a broken RNG from looping forever.
    private const int MaxScalarDraws = 64;

    private readonly NistCurve _curve;

    private NistEcdhComponent(NistCurve curve)
    {
        _curve = curve;
    }

    public static NistEcdhComponent P256 { get; } = new(NistCurve.P256);

    public static NistEcdhComponent P384 { get; } = new(NistCurve.P384);

    public override string Name => _curve.Name;

    public override int ClientShareLength => _curve.PointLength;

    public override int ServerShareLength => _curve.PointLength;

    public override int SecretLength => _curve.FieldLength;

    public override int ClientSeedLength => _curve.FieldLength;

    public override int ServerSeedLength => _curve.FieldLength;

    public override KeyExchangeComponentKey CreateClientKey(ReadOnlySpan<byte> seed, Span<byte> clientShare)
    {
        byte[] privateKey = CreatePrivateKey(seed);
        _curve.GetPublicKey(privateKey, clientShare[.._curve.PointLength]);
        return new Key(_curve, privateKey);
    }

    public override void Respond(
        ReadOnlySpan<byte> clientShare,
        ReadOnlySpan<byte> seed,
        Span<byte> serverShare,
        Span<byte> secret,
        in KeyShareContext context)
    {
        byte[] privateKey = CreatePrivateKey(seed);
        try
        {
            if (!_curve.TryAgree(privateKey, clientShare, secret[.._curve.FieldLength], out string? error))
            {
                KeyExchangeThrowHelper.ThrowInvalidEcPoint(context, error!);
            }

            _curve.GetPublicKey(privateKey, serverShare[.._curve.PointLength]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    private byte[] CreatePrivateKey(ReadOnlySpan<byte> seed)
    {
        var privateKey = new byte[_curve.FieldLength];
        if (!seed.IsEmpty)
        {
            seed[.._curve.FieldLength].CopyTo(privateKey);
            if (!_curve.IsValidPrivateKey(privateKey))
            {
                throw new ArgumentException($"The fixed {_curve.Name} scalar is not in [1, n-1].", nameof(seed));
            }

            return privateKey;
        }

        for (int draw = 0; draw < MaxScalarDraws; draw++)
        {
            RandomNumberGenerator.Fill(privateKey);
            if (_curve.IsValidPrivateKey(privateKey))
            {
                return privateKey;
            }
        }

        throw new CryptographicException($"The system RNG gave no valid {_curve.Name} scalar in {MaxScalarDraws} draws.");
    }

    private sealed class Key : KeyExchangeComponentKey
    {
        private readonly NistCurve _curve;
        private readonly byte[] _privateKey;

        public Key(NistCurve curve, byte[] privateKey)
        {
            _curve = curve;
            _privateKey = privateKey;
        }

        public override void Complete(ReadOnlySpan<byte> serverShare, Span<byte> secret, in KeyShareContext context)
        {
            if (!_curve.TryAgree(_privateKey, serverShare, secret[.._curve.FieldLength], out string? error))
            {
                KeyExchangeThrowHelper.ThrowInvalidEcPoint(context, error!);
            }
        }

        protected override void Dispose(bool disposing) => CryptographicOperations.ZeroMemory(_privateKey);
    }
}
