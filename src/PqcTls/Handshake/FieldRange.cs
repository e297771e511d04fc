namespace PqcTls.Handshake;

/// <summary>Where a field sits inside a handshake message: an offset and a length, or absent.</summary>
internal readonly struct FieldRange
{
    public static readonly FieldRange Absent = new(-1, 0);

    public FieldRange(int offset, int length)
    {
        Offset = offset;
        Length = length;
    }

    public int Offset { get; }

    public int Length { get; }

    public bool IsPresent => Offset >= 0;

    public ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> message) => IsPresent ? message.Slice(Offset, Length) : default;
}
