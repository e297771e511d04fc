using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PqcTls.Handshake;

/// <summary>Throws the package's exceptions from hot paths without inflating the callers.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Throw(TlsAlertDescription alert, long offset, string message) =>
        throw new PqcTlsException(string.Create(CultureInfo.InvariantCulture, $"{message} (at byte {offset})."),
            alert, offset);

    [DoesNotReturn]
    public static void ThrowUnexpectedRecord(byte type, long offset, int recordsSeen) =>
        Throw(TlsAlertDescription.UnexpectedMessage, offset, recordsSeen == 0
            ? string.Create(CultureInfo.InvariantCulture,
                $"Expected a handshake record (type 22) to start the ClientHello but found type {type}")
            : string.Create(CultureInfo.InvariantCulture,
                $"A record of type {type} is interleaved with the fragments of the ClientHello; RFC 8446 forbids it"));
}
