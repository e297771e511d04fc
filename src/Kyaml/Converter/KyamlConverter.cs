using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Kyaml.Converter;

namespace Kyaml;

/// <summary>
/// Converts YAML or JSON to KYAML, byte for byte as the reference encoder (kubernetes-sigs/yaml v1.6.0, package
/// kyaml, as used by <c>kubectl get -o kyaml</c> and <c>yamlfmt -o kyaml</c>) converts it.
/// </summary>
/// <remarks>
/// <para>
/// Every document of the input stream becomes <c>---</c>, a line break, the document and a line break; an input
/// without documents produces no output. Comments are kept where the reference keeps them (regular mode only).
/// Scalars keep their source text: numbers, booleans and nulls are written bare exactly as in the input (YAML 1.2
/// core rules as go-yaml v3 applies them, so <c>yes</c> and <c>on</c> are strings), everything else is a
/// double-quoted string.
/// </para>
/// <para>
/// By default the converter writes correct, valid output where the reference does not (see
/// <see cref="KyamlConverterOptions.ReferenceCompatible"/>); with that option it reproduces the reference exactly.
/// </para>
/// </remarks>
public static class KyamlConverter
{
    private static readonly KyamlConverterOptions s_defaultOptions = new();
    private static readonly SearchValues<char> s_nonPrintable = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + "\u007F\u0080\u0081\u0082\u0083\u0084\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F"
        + "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F"
        + "\uFFFE\uFFFF");
    private static readonly UTF8Encoding s_strictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Converts a YAML or JSON stream (UTF-8) to KYAML.</summary>
    /// <param name="utf8YamlOrJson">The input; a UTF-8 byte order mark is skipped.</param>
    /// <param name="options">Output form and limits; <see langword="null"/> for the defaults.</param>
    /// <returns>The KYAML text as UTF-8.</returns>
    /// <exception cref="KyamlException">
    /// The input is not valid YAML, uses something KYAML cannot express (a custom or binary tag), or exceeds a
    /// limit; the exception says where.
    /// </exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "Same shape as the writer's overloads.")]
    public static byte[] Convert(ReadOnlySpan<byte> utf8YamlOrJson, KyamlConverterOptions? options = null)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(256, utf8YamlOrJson.Length + (utf8YamlOrJson.Length / 4)));
        Convert(utf8YamlOrJson, output, options);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Converts a YAML or JSON stream (UTF-8) to KYAML, appending to a buffer writer.</summary>
    /// <param name="utf8YamlOrJson">The input; a UTF-8 byte order mark is skipped.</param>
    /// <param name="output">Receives the KYAML text. On failure, documents before the bad one may have been written.</param>
    /// <param name="options">Output form and limits; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">
    /// The input is not valid YAML, uses something KYAML cannot express, or exceeds a limit.
    /// </exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "Same shape as the writer's overloads.")]
    public static void Convert(
        ReadOnlySpan<byte> utf8YamlOrJson, IBufferWriter<byte> output, KyamlConverterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= s_defaultOptions;
        string text = Decode(utf8YamlOrJson);
        var writerOptions = new KyamlWriterOptions
        {
            Compact = options.Compact,
            MaxDepth = options.MaxDepth + 2,
            ReferenceCompatible = options.ReferenceCompatible,
        };
        using var writer = new Utf8KyamlWriter(output, writerOptions);
        if (options.KubectlForm)
        {
            KubectlFormRenderer.Convert(text, writer, options);
            return;
        }

        RejectNonPrintable(text, utf8YamlOrJson.Length - Encoding.UTF8.GetByteCount(text));
        text = RemoveLineStartByteOrderMarks(text);
        var builder = new YamlTreeBuilder(text, options);
        List<(YamlDocument Document, List<CommentToken> Comments)> documents = builder.Build();

        var attacher = new CommentAttacher(builder.Lines);
        var renderer = new KyamlRenderer(writer, options.ReferenceCompatible, builder) { MaxDepth = options.MaxDepth };
        foreach ((YamlDocument document, List<CommentToken> comments) in documents)
        {
            if (!options.Compact)
            {
                attacher.Attach(document, comments);
            }

            renderer.RenderDocument(document);
        }
    }

    /// <summary>Converts YAML or JSON text to KYAML text.</summary>
    /// <param name="yamlOrJson">The input.</param>
    /// <param name="options">Output form and limits; <see langword="null"/> for the defaults.</param>
    /// <returns>The KYAML text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="yamlOrJson"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">The input is not valid YAML or exceeds a limit.</exception>
    public static string ConvertToString(string yamlOrJson, KyamlConverterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yamlOrJson);
        return Encoding.UTF8.GetString(Convert(Encoding.UTF8.GetBytes(yamlOrJson), options));
    }

    /// <summary>
    /// go-yaml v3's reader accepts only tab, line breaks and printable characters (YAML's c-printable) and fails with
    /// "control characters are not allowed"; YamlDotNet lets some through (a NUL after the document, a raw U+001C in a
    /// plain scalar), so they are rejected here with their position.
    /// </summary>
    private static void RejectNonPrintable(string text, int bomLength)
    {
        int index = text.AsSpan().IndexOfAny(s_nonPrintable);
        if (index < 0)
        {
            return;
        }

        ReadOnlySpan<char> before = text.AsSpan(0, index);
        int lineStart = before.LastIndexOf('\n') + 1;
        long line = before.Count('\n') + 1;
        long column = 1;
        foreach (char c in before[lineStart..])
        {
            if (!char.IsLowSurrogate(c))
            {
                column++;
            }
        }

        long offset = bomLength + Encoding.UTF8.GetByteCount(before);
        throw new KyamlException(
            $"control characters are not allowed: found U+{(int)text[index]:X4}", line, column, offset)
        {
            Kind = KyamlErrorKind.InvalidInput,
        };
    }

    /// <summary>
    /// go-yaml v3's scanner skips a byte order mark at the start of any line before it looks for the next token,
    /// so files concatenated with <c>cat</c> (a later one starting with a mark) read as intended; YamlDotNet would
    /// make the mark part of the next key or scalar. A mark at the start of a line inside a multi-line scalar is
    /// dropped too (go-yaml keeps it there); such text is not expected in manifests. Positions in error messages on
    /// a line that started with a mark are one column (three bytes) early.
    /// </summary>
    private static string RemoveLineStartByteOrderMarks(string text)
    {
        if (!text.Contains('\uFEFF', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool lineStart = i == 0 || text[i - 1] is '\n' or '\r';
            if (c == '\uFEFF' && lineStart)
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string Decode(ReadOnlySpan<byte> utf8)
    {
        int skipped = 0;
        if (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF)
        {
            utf8 = utf8[3..];
            skipped = 3;
        }

        try
        {
            return s_strictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            long offset = (ex.Index >= 0 ? ex.Index : 0) + skipped;
            throw new KyamlException("invalid UTF-8 in the input", null, null, offset, ex);
        }
    }
}
