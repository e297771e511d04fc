using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Text.Json;

namespace Kyaml;

/// <summary>
/// Converts multi-document streams through <see cref="System.IO.Pipelines"/> in memory bounded by the largest
/// document (YAML to KYAML) or the largest token (KYAML to JSON), however long the stream is.
/// </summary>
/// <remarks>
/// The pipe methods read the input to its end but complete neither pipe; the caller owns both. Output
/// is flushed after each document, so a failure leaves the documents before the bad one written.
/// </remarks>
public static class KyamlStreamConverter
{
    private static readonly KyamlConverterOptions s_defaultOptions = new();

    /// <summary>
    /// Converts a YAML, JSON or KYAML stream to KYAML one document at a time, each exactly as
    /// <see cref="KyamlConverter.Convert(ReadOnlySpan{byte}, IBufferWriter{byte}, KyamlConverterOptions?)"/> converts it.
    /// </summary>
    /// <param name="input">The UTF-8 input stream of documents separated by <c>---</c> lines.</param>
    /// <param name="output">Receives the KYAML stream.</param>
    /// <param name="options">Output form and limits; <see cref="KyamlConverterOptions.MaxDocumentBytes"/> bounds the memory used.</param>
    /// <param name="cancellationToken">Cancels the conversion.</param>
    /// <returns>A task that completes when the input is exhausted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">A document is invalid or larger than the limit; positions are counted from the start of the stream.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "Pipe and stream overloads of one operation.")]
    public static async Task ConvertAsync(
        PipeReader input,
        PipeWriter output,
        KyamlConverterOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        options ??= s_defaultOptions;
        var splitter = new YamlDocumentSplitter(options.MaxDocumentBytes);
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            bool wrote = false;
            while (splitter.TryGetDocument(ref buffer, result.IsCompleted, out ReadOnlySequence<byte> document))
            {
                ConvertDocument(document, output, options, splitter);
                wrote = true;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (wrote)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>Converts a YAML, JSON or KYAML stream to KYAML one document at a time.</summary>
    /// <param name="input">The UTF-8 input stream; left open.</param>
    /// <param name="output">Receives the KYAML stream; left open.</param>
    /// <param name="options">Output form and limits.</param>
    /// <param name="cancellationToken">Cancels the conversion.</param>
    /// <returns>A task that completes when the input is exhausted and the output flushed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">A document is invalid or larger than the limit.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "Pipe and stream overloads of one operation.")]
    public static async Task ConvertAsync(
        Stream input,
        Stream output,
        KyamlConverterOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        await OverStreamsAsync(input, output, (reader, writer) => ConvertAsync(reader, writer, options, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Converts a KYAML stream (or the flow subset of YAML, with <see cref="KyamlReaderMode.Lenient"/>) to JSON,
    /// one JSON value per document, each followed by a line feed, token by token.
    /// </summary>
    /// <param name="input">The UTF-8 KYAML stream.</param>
    /// <param name="output">Receives the JSON values.</param>
    /// <param name="readerOptions">Mode and limits; <see cref="KyamlReaderOptions.MaxTokenSize"/> bounds the memory used.</param>
    /// <param name="indented">Whether to indent the JSON (two spaces).</param>
    /// <param name="cancellationToken">Cancels the conversion.</param>
    /// <returns>A task that completes when the input is exhausted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">The input is not valid, exceeds a limit, or holds a number JSON cannot represent.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "Pipe and stream overloads of one operation.")]
    public static async Task ToJsonAsync(
        PipeReader input,
        PipeWriter output,
        KyamlReaderOptions readerOptions = default,
        bool indented = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var state = new KyamlReaderState(readerOptions);
        // Utf8JsonWriter checks depth even without validation (default 1000); the reader's limit is the one
        // that counts.
        var jsonOptions = new JsonWriterOptions
        {
            Indented = indented,
            SkipValidation = true,
            MaxDepth = readerOptions.MaxDepth + 1,
        };
        using var writer = new Utf8JsonWriter(output, jsonOptions);
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            SequencePosition consumed = TranscodeBlock(buffer, result.IsCompleted, ref state, writer, output);
            input.AdvanceTo(consumed, buffer.End);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>Converts a KYAML stream to JSON, one JSON value per document, each followed by a line feed.</summary>
    /// <param name="input">The UTF-8 KYAML stream; left open.</param>
    /// <param name="output">Receives the JSON values; left open.</param>
    /// <param name="readerOptions">Mode and limits.</param>
    /// <param name="indented">Whether to indent the JSON (two spaces).</param>
    /// <param name="cancellationToken">Cancels the conversion.</param>
    /// <returns>A task that completes when the input is exhausted and the output flushed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="output"/> is <see langword="null"/>.</exception>
    /// <exception cref="KyamlException">The input is not valid, exceeds a limit, or holds a number JSON cannot represent.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "Pipe and stream overloads of one operation.")]
    public static async Task ToJsonAsync(
        Stream input,
        Stream output,
        KyamlReaderOptions readerOptions = default,
        bool indented = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        await OverStreamsAsync(input, output, (reader, writer) => ToJsonAsync(reader, writer, readerOptions, indented, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a pipe-based conversion over two streams, which are left open, and flushes the output.</summary>
    private static async Task OverStreamsAsync(
        Stream input,
        Stream output,
        Func<PipeReader, PipeWriter, Task> convert,
        CancellationToken cancellationToken)
    {
        PipeReader reader = PipeReader.Create(input, new StreamPipeReaderOptions(leaveOpen: true));
        PipeWriter writer = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            await convert(reader, writer).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static SequencePosition TranscodeBlock(
        ReadOnlySequence<byte> buffer,
        bool isFinalBlock,
        ref KyamlReaderState state,
        Utf8JsonWriter writer,
        PipeWriter output)
    {
        var reader = new Utf8KyamlReader(buffer, isFinalBlock, state);
        while (reader.Read())
        {
            KyamlJsonTranscoder.WriteToken(ref reader, writer);
            if (reader.TokenType == KyamlTokenType.EndDocument)
            {
                writer.Flush();
                output.GetSpan(1)[0] = (byte)'\n';
                output.Advance(1);
                writer.Reset(output);
            }
        }

        writer.Flush();
        state = reader.CurrentState;
        return buffer.GetPosition(reader.BytesConsumed);
    }

    private static void ConvertDocument(
        ReadOnlySequence<byte> document,
        PipeWriter output,
        KyamlConverterOptions options,
        YamlDocumentSplitter splitter)
    {
        byte[]? rented = null;
        try
        {
            ReadOnlySpan<byte> span;
            if (document.IsSingleSegment)
            {
                span = document.FirstSpan;
            }
            else
            {
                rented = ArrayPool<byte>.Shared.Rent((int)document.Length);
                document.CopyTo(rented);
                span = rented.AsSpan(0, (int)document.Length);
            }

            KyamlConverter.Convert(span, output, options);
        }
        catch (KyamlException e) when (e.LineNumber is not null)
        {
            // Positions inside the document become positions in the stream.
            long line = e.LineNumber.Value + splitter.DocumentStartLine - 1;
            throw new KyamlException(e.Message, line, e.Column, e.BytePosition + splitter.DocumentStartOffset, e)
            {
                Kind = e.Kind,
            };
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
