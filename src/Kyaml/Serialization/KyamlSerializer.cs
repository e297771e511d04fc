using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kyaml;

/// <summary>
/// Serializes .NET objects to KYAML and back through System.Text.Json contracts (<see cref="JsonTypeInfo{T}"/>,
/// source-generated <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>s or
/// <see cref="JsonSerializerOptions"/>), so every JSON attribute and converter of a model applies.
/// </summary>
/// <remarks>
/// <para>
/// Output is the form <c>kubectl get -o kyaml</c> prints for the same JSON: a <c>---</c> line, the document with
/// mapping keys sorted, numbers as Go's JSON encoder writes them, a final line break. Reading accepts KYAML and the
/// flow subset of YAML (plain and single-quoted strings), one document.
/// </para>
/// <para>
/// The overloads taking a <see cref="JsonTypeInfo{T}"/> are trimming- and AOT-safe; those taking
/// <see cref="JsonSerializerOptions"/> use reflection, like the matching <see cref="JsonSerializer"/> methods.
/// </para>
/// </remarks>
public static class KyamlSerializer
{
    private const string UnreferencedCodeMessage =
        "JSON serialization and deserialization might require types that cannot be statically analyzed. Use the "
        + "overload that takes a JsonTypeInfo or JsonSerializerContext, or make sure all of the required types are preserved.";

    private const string DynamicCodeMessage =
        "JSON serialization and deserialization might require types that cannot be statically analyzed and might "
        + "need runtime code generation. Use System.Text.Json source generation for native AOT applications.";

    private const int MaxRetainedJsonBytes = 1 << 20;

    private static readonly KyamlReaderOptions s_readerOptions = new() { Mode = KyamlReaderMode.Lenient };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    /// <summary>Serializes a value to KYAML text.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="jsonTypeInfo">The JSON contract of <typeparamref name="T"/>.</param>
    /// <returns>The KYAML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jsonTypeInfo"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">The JSON form cannot be written as KYAML (for example, it nests too deep).</exception>
    public static string Serialize<T>(T value, JsonTypeInfo<T> jsonTypeInfo)
    {
        return Encoding.UTF8.GetString(SerializeToUtf8Bytes(value, jsonTypeInfo));
    }

    /// <summary>Serializes a value to UTF-8 KYAML.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="jsonTypeInfo">The JSON contract of <typeparamref name="T"/>.</param>
    /// <returns>The KYAML document as UTF-8 bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jsonTypeInfo"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">The JSON form cannot be written as KYAML.</exception>
    public static byte[] SerializeToUtf8Bytes<T>(T value, JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        return JsonKyamlRenderer.SerializeToUtf8Bytes(value, jsonTypeInfo);
    }

    /// <summary>Serializes a value as UTF-8 KYAML into a buffer writer.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="output">Receives the KYAML document.</param>
    /// <param name="value">The value.</param>
    /// <param name="jsonTypeInfo">The JSON contract of <typeparamref name="T"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> or <paramref name="jsonTypeInfo"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">The JSON form cannot be written as KYAML.</exception>
    public static void Serialize<T>(IBufferWriter<byte> output, T value, JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        JsonKyamlRenderer.Serialize(value, jsonTypeInfo, output);
    }

    /// <summary>Serializes a value as UTF-8 KYAML to a stream.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="utf8Output">Receives the KYAML document.</param>
    /// <param name="value">The value.</param>
    /// <param name="jsonTypeInfo">The JSON contract of <typeparamref name="T"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Output"/> or <paramref name="jsonTypeInfo"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">The JSON form cannot be written as KYAML.</exception>
    public static void Serialize<T>(Stream utf8Output, T value, JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(utf8Output);
        var output = new ArrayBufferWriter<byte>();
        Serialize(output, value, jsonTypeInfo);
        utf8Output.Write(output.WrittenSpan);
    }

    /// <summary>Deserializes one KYAML document.</summary>
    /// <typeparam name="T">The type to create.</typeparam>
    /// <param name="utf8Kyaml">The KYAML (or flow-style YAML) text, exactly one document.</param>
    /// <param name="jsonTypeInfo">The JSON contract of <typeparamref name="T"/>.</param>
    /// <returns>The value; <see langword="null"/> or default for a null document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jsonTypeInfo"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">The text is not valid, holds no or several documents, or has a number JSON cannot hold.</exception>
    /// <exception cref="JsonException">The data does not fit <typeparamref name="T"/> (as <see cref="JsonSerializer"/> reports it).</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Kyaml, JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);

        // The JSON buffer is pooled per thread and taken for the call, so a nested call (from a converter) gets its own.
        ArrayBufferWriter<byte> json = t_json ?? new ArrayBufferWriter<byte>(Math.Max(256, utf8Kyaml.Length));
        t_json = null;
        try
        {
            WriteSingleDocumentAsJson(utf8Kyaml, json);
            return JsonSerializer.Deserialize(json.WrittenSpan, jsonTypeInfo);
        }
        finally
        {
            json.ResetWrittenCount();
            if (json.Capacity <= MaxRetainedJsonBytes)
            {
                t_json = json;
            }
        }
    }

    /// <summary>Deserializes one KYAML document.</summary>
    /// <typeparam name="T">The type to create.</typeparam>
    /// <param name="kyaml">The KYAML (or flow-style YAML) text, exactly one document.</param>
    /// <param name="jsonTypeInfo">The JSON contract of <typeparamref name="T"/>.</param>
    /// <returns>The value; <see langword="null"/> or default for a null document.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">The text is not valid, holds no or several documents, or has a number JSON cannot hold.</exception>
    /// <exception cref="JsonException">The data does not fit <typeparamref name="T"/>.</exception>
    public static T? Deserialize<T>(string kyaml, JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(kyaml);
        return Deserialize(Encoding.UTF8.GetBytes(kyaml), jsonTypeInfo);
    }

    /// <summary>Serializes a value to KYAML text using reflection-based JSON options.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="options">The JSON options; <see langword="null"/> for <see cref="JsonSerializerOptions.Default"/>.</param>
    /// <returns>The KYAML document.</returns>
    /// <exception cref="KyamlException">The JSON form cannot be written as KYAML.</exception>
    [RequiresUnreferencedCode(UnreferencedCodeMessage)]
    [RequiresDynamicCode(DynamicCodeMessage)]
    [SuppressMessage("ApiDesign", "RS0026", Justification = "Mirrors the JsonSerializer overloads.")]
    [SuppressMessage("ApiDesign", "RS0027", Justification = "Mirrors the JsonSerializer overloads.")]
    public static string Serialize<T>(T value, JsonSerializerOptions? options = null)
    {
        return Serialize(value, GetTypeInfo<T>(options));
    }

    /// <summary>Deserializes one KYAML document using reflection-based JSON options.</summary>
    /// <typeparam name="T">The type to create.</typeparam>
    /// <param name="kyaml">The KYAML (or flow-style YAML) text, exactly one document.</param>
    /// <param name="options">The JSON options; <see langword="null"/> for <see cref="JsonSerializerOptions.Default"/>.</param>
    /// <returns>The value; <see langword="null"/> or default for a null document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="kyaml"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">The text is not valid or holds no or several documents.</exception>
    /// <exception cref="JsonException">The data does not fit <typeparamref name="T"/>.</exception>
    [RequiresUnreferencedCode(UnreferencedCodeMessage)]
    [RequiresDynamicCode(DynamicCodeMessage)]
    [SuppressMessage("ApiDesign", "RS0026", Justification = "Mirrors the JsonSerializer overloads.")]
    [SuppressMessage("ApiDesign", "RS0027", Justification = "Mirrors the JsonSerializer overloads.")]
    public static T? Deserialize<T>(string kyaml, JsonSerializerOptions? options = null)
    {
        return Deserialize(kyaml, GetTypeInfo<T>(options));
    }

    /// <summary>Deserializes one UTF-8 KYAML document using reflection-based JSON options.</summary>
    /// <typeparam name="T">The type to create.</typeparam>
    /// <param name="utf8Kyaml">The KYAML (or flow-style YAML) text, exactly one document.</param>
    /// <param name="options">The JSON options; <see langword="null"/> for <see cref="JsonSerializerOptions.Default"/>.</param>
    /// <returns>The value; <see langword="null"/> or default for a null document.</returns>
    /// <exception cref="KyamlException">The text is not valid or holds no or several documents.</exception>
    /// <exception cref="JsonException">The data does not fit <typeparamref name="T"/>.</exception>
    [RequiresUnreferencedCode(UnreferencedCodeMessage)]
    [RequiresDynamicCode(DynamicCodeMessage)]
    [SuppressMessage("ApiDesign", "RS0026", Justification = "Mirrors the JsonSerializer overloads.")]
    [SuppressMessage("ApiDesign", "RS0027", Justification = "Mirrors the JsonSerializer overloads.")]
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Kyaml, JsonSerializerOptions? options = null)
    {
        return Deserialize(utf8Kyaml, GetTypeInfo<T>(options));
    }

    /// <summary>Converts one KYAML document to JSON (no indentation).</summary>
    internal static void WriteSingleDocumentAsJson(ReadOnlySpan<byte> utf8Kyaml, IBufferWriter<byte> json)
    {
        var reader = new Utf8KyamlReader(utf8Kyaml, s_readerOptions);
        using var writer = new Utf8JsonWriter(json, new JsonWriterOptions { SkipValidation = true });
        int documents = 0;
        while (reader.Read())
        {
            if (reader.TokenType == KyamlTokenType.StartDocument && ++documents > 1)
            {
                reader.ThrowAtToken("Found a second document; deserialization reads exactly one document.");
            }

            KyamlJsonTranscoder.WriteToken(ref reader, writer);
        }

        if (documents == 0)
        {
            ThrowHelper.ThrowInput("Expected a KYAML document, found none (the input is empty or only comments).", 1, 1, 0);
        }
    }

    [RequiresUnreferencedCode(UnreferencedCodeMessage)]
    [RequiresDynamicCode(DynamicCodeMessage)]
    private static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerOptions? options)
    {
        options ??= JsonSerializerOptions.Default;
        if (!options.IsReadOnly)
        {
            options.MakeReadOnly(populateMissingResolver: true);
        }

        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}
