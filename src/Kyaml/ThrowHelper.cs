using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Kyaml;

/// <summary>Throw sites kept out of hot paths so that callers stay small and inlinable.</summary>
internal static partial class ThrowHelper
{
    [DoesNotReturn]
    [StackTraceHidden]
    public static void ThrowInvalidWriterState(string message)
    {
        throw new KyamlException(message) { Kind = KyamlErrorKind.InvalidWriterState };
    }

    [DoesNotReturn]
    [StackTraceHidden]
    public static void ThrowDepthExceeded(int maxDepth)
    {
        throw new KyamlException(
            $"The maximum depth of {maxDepth} was exceeded.") { Kind = KyamlErrorKind.DepthLimitExceeded };
    }

    [DoesNotReturn]
    [StackTraceHidden]
    public static void ThrowDepthExceeded(int maxDepth, long line, long column, long bytePosition)
    {
        throw new KyamlException(
            $"The maximum depth of {maxDepth} was exceeded.", line, column, bytePosition)
        {
            Kind = KyamlErrorKind.DepthLimitExceeded,
        };
    }

    [DoesNotReturn]
    [StackTraceHidden]
    public static void ThrowInput(string message, long line, long column, long bytePosition, Exception? inner = null)
    {
        throw new KyamlException(message, line, column, bytePosition, inner);
    }

    [DoesNotReturn]
    [StackTraceHidden]
    public static void ThrowSizeExceeded(long maxBytes, long actual)
    {
        throw new KyamlException(
            $"The document is {actual} bytes, more than the maximum of {maxBytes}.")
        {
            Kind = KyamlErrorKind.SizeLimitExceeded,
        };
    }

    [DoesNotReturn]
    [StackTraceHidden]
    public static void ThrowAliasExpansionExceeded(long maxNodes, long line, long column, long bytePosition)
    {
        throw new KyamlException(
            $"Expanding aliases would produce more than the maximum of {maxNodes} nodes.", line, column, bytePosition)
        {
            Kind = KyamlErrorKind.AliasExpansionLimitExceeded,
        };
    }

    [DoesNotReturn]
    [StackTraceHidden]
    public static void ThrowArgumentOutOfRange(string paramName, string message)
    {
        throw new ArgumentOutOfRangeException(paramName, message);
    }
}
