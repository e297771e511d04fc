using System.Security.Cryptography;

namespace PqcTls.KeyExchange;

/// <summary>A group made of one component (classical ECDH) or two (a hybrid), concatenated in the group's order.</summary>
internal sealed class CompositeKeyExchangeGroup : KeyExchangeGroup
{
    private readonly KeyExchangeComponent[] _components;

    public CompositeKeyExchangeGroup(TlsNamedGroup group, params KeyExchangeComponent[] components)
    {
        Group = group;
        _components = components;
        foreach (KeyExchangeComponent component in components)
        {
            ClientShareLength += component.ClientShareLength;
            ServerShareLength += component.ServerShareLength;
            SharedSecretLength += component.SecretLength;
            ClientSeedLength += component.ClientSeedLength;
            ServerSeedLength += component.ServerSeedLength;
        }
    }

    public override TlsNamedGroup Group { get; }

    public override int ClientShareLength { get; }

    public override int ServerShareLength { get; }

    public override int SharedSecretLength { get; }

    /// <summary>Gets the length of the concatenated fixed client randomness of the deterministic path.</summary>
    public int ClientSeedLength { get; }

    /// <summary>Gets the length of the concatenated fixed server randomness of the deterministic path.</summary>
    public int ServerSeedLength { get; }

    public override KeyExchangeClientShare GenerateClientShare() => GenerateClientShare(default);

    public override KeyExchangeServerResult Encapsulate(ReadOnlySpan<byte> clientShare) => Encapsulate(clientShare, default);

    internal override KeyExchangeClientShare GenerateClientShare(ReadOnlySpan<byte> seeds)
    {
        CheckSeedLength(seeds, ClientSeedLength);
        var publicShare = new byte[ClientShareLength];
        var keys = new KeyExchangeComponentKey[_components.Length];
        int shareOffset = 0;
        int seedOffset = 0;
        try
        {
            for (int i = 0; i < _components.Length; i++)
            {
                KeyExchangeComponent component = _components[i];
                ReadOnlySpan<byte> seed = seeds.IsEmpty ? default : seeds.Slice(seedOffset, component.ClientSeedLength);
                keys[i] = component.CreateClientKey(seed, publicShare.AsSpan(shareOffset, component.ClientShareLength));
                shareOffset += component.ClientShareLength;
                seedOffset += component.ClientSeedLength;
            }
        }
        catch
        {
            DisposeAll(keys);
            throw;
        }

        return new KeyExchangeClientShare(this, publicShare, keys);
    }

    internal override KeyExchangeServerResult Encapsulate(ReadOnlySpan<byte> clientShare, ReadOnlySpan<byte> seeds)
    {
        if (clientShare.Length != ClientShareLength)
        {
            KeyExchangeThrowHelper.ThrowShareLength(Group, isClientShare: true, ClientShareLength, clientShare.Length);
        }

        CheckSeedLength(seeds, ServerSeedLength);
        var serverShare = new byte[ServerShareLength];
        var secret = new byte[SharedSecretLength];
        int clientOffset = 0;
        int serverOffset = 0;
        int secretOffset = 0;
        int seedOffset = 0;
        try
        {
            foreach (KeyExchangeComponent component in _components)
            {
                ReadOnlySpan<byte> seed = seeds.IsEmpty ? default : seeds.Slice(seedOffset, component.ServerSeedLength);
                component.Respond(
                    clientShare.Slice(clientOffset, component.ClientShareLength),
                    seed,
                    serverShare.AsSpan(serverOffset, component.ServerShareLength),
                    secret.AsSpan(secretOffset, component.SecretLength),
                    new KeyShareContext(Group, IsClientShare: true, clientOffset));
                clientOffset += component.ClientShareLength;
                serverOffset += component.ServerShareLength;
                secretOffset += component.SecretLength;
                seedOffset += component.ServerSeedLength;
            }
        }
        catch
        {
            CryptographicOperations.ZeroMemory(secret);
            throw;
        }

        return new KeyExchangeServerResult(Group, serverShare, secret);
    }

    /// <summary>The client's side once the ServerHello arrives.</summary>
    internal byte[] DeriveSharedSecret(KeyExchangeComponentKey[] keys, ReadOnlySpan<byte> serverShare)
    {
        if (serverShare.Length != ServerShareLength)
        {
            KeyExchangeThrowHelper.ThrowShareLength(Group, isClientShare: false, ServerShareLength, serverShare.Length);
        }

        var secret = new byte[SharedSecretLength];
        int serverOffset = 0;
        int secretOffset = 0;
        try
        {
            for (int i = 0; i < _components.Length; i++)
            {
                KeyExchangeComponent component = _components[i];
                keys[i].Complete(
                    serverShare.Slice(serverOffset, component.ServerShareLength),
                    secret.AsSpan(secretOffset, component.SecretLength),
                    new KeyShareContext(Group, IsClientShare: false, serverOffset));
                serverOffset += component.ServerShareLength;
                secretOffset += component.SecretLength;
            }
        }
        catch
        {
            CryptographicOperations.ZeroMemory(secret);
            throw;
        }

        return secret;
    }

    internal static void DisposeAll(KeyExchangeComponentKey?[] keys)
    {
        foreach (KeyExchangeComponentKey? key in keys)
        {
            key?.Dispose();
        }
    }

    private static void CheckSeedLength(ReadOnlySpan<byte> seeds, int expected)
    {
        if (!seeds.IsEmpty && seeds.Length != expected)
        {
            throw new ArgumentException(
                $"The fixed randomness must be {expected} bytes; found {seeds.Length}.",
                nameof(seeds));
        }
    }
}
