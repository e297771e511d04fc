using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Kyaml;

/// <summary>Throw sites of the reader.</summary>
internal static partial class ThrowHelper
{
    [DoesNotReturn]
    [StackTraceHidden]
    public static void ThrowTokenTooLarge(int maxTokenSize, long line, long column, long bytePosition)
    {
        throw new KyamlException(
            $"Found a token of more than {maxTokenSize} bytes, the configured maximum token size.",
            line,
            column,
            bytePosition)
        {
            Kind = KyamlErrorKind.SizeLimitExceeded,
        };
    }
}
