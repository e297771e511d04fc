namespace PqcTls.KeyExchange;

/// <summary>Where a component's bytes sit, so that errors can name the group, the share and the byte offset.</summary>
/// <param name="Group">The group being computed.</param>
/// <param name="IsClientShare">
/// <see langword="true"/> for the ClientHello share, <see langword="false"/> for the ServerHello share.
/// </param>
/// <param name="Offset">The offset of the component's first byte inside the share.</param>
internal readonly record struct KeyShareContext(TlsNamedGroup Group, bool IsClientShare, int Offset)
{
    public string ShareName => IsClientShare ? "client key share" : "server key share";

    public string GroupName => TlsNamedGroups.GetName(Group);
}
