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

        var builder = new YamlTreeBuilder(text, options);
        List<(YamlDocument Document, List<CommentToken> Comments)> documents = builder.Build();

        var attacher = new CommentAttacher(builder.Lines);
        var renderer = new KyamlRenderer(writer, options.ReferenceCompatible, builder);
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
