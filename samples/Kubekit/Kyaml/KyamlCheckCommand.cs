using System.Globalization;
using System.Text;
using Kyaml;

namespace Kubekit;

/// <summary>
/// <c>kubekit kyaml --check FILE...</c>: validates files as strict KYAML and prints <c>file:line:column: message</c>
/// for each problem (the first problem of each document; reading resumes at the next <c>---</c> line).
/// </summary>
internal static class KyamlCheckCommand
{
    /// <summary>Checks the files.</summary>
    /// <returns>0 when every file is valid KYAML, 1 when problems were found, 2 for usage errors or unreadable files.</returns>
    internal static int RunCheck(string[] files, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (files.Length == 0)
        {
            stderr.WriteLine("kubekit kyaml: --check needs at least one FILE; usage: kubekit kyaml --check FILE...");
            return Program.BadInput;
        }

        bool unreadable = false;
        bool problems = false;
        foreach (string file in files)
        {
            byte[] content;
            try
            {
                content = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                or NotSupportedException)
            {
                stderr.WriteLine($"kubekit kyaml: cannot read '{file}': {OneLine(e.Message)}");
                unreadable = true;
                continue;
            }

            foreach (KyamlException problem in Check(content))
            {
                problems = true;
                stdout.WriteLine($"{file}:{problem.LineNumber ?? 1}:{problem.Column ?? 1}: {OneLine(problem.Message)}");
            }
        }

        return unreadable ? Program.BadInput : problems ? Program.ProblemsFound : Program.Success;
    }

    /// <summary>Reads the content as strict KYAML; after a problem, goes on at the next document.</summary>
    internal static List<KyamlException> Check(byte[] content)
    {
        var problems = new List<KyamlException>();
        int start = 0;
        long lineOffset = 0;
        var options = new KyamlReaderOptions { Mode = KyamlReaderMode.Strict };
        while (start <= content.Length)
        {
            KyamlException? problem = ReadUntilProblem(content.AsSpan(start), options);
            if (problem is null)
            {
                break;
            }

            long position = start + (problem.BytePosition ?? 0);
            problems.Add(new KyamlException(
                problem.Message,
                (problem.LineNumber ?? 1) + lineOffset,
                problem.Column,
                position,
                problem)
            {
                Kind = problem.Kind,
            });

            int next = NextDocumentStart(content, (int)Math.Min(position + 1, content.Length));
            if (next < 0)
            {
                break;
            }

            lineOffset += content.AsSpan(start, next - start).Count((byte)'\n');
            start = next;
        }

        return problems;
    }

    private static KyamlException? ReadUntilProblem(ReadOnlySpan<byte> content, KyamlReaderOptions options)
    {
        try
        {
            var reader = new Utf8KyamlReader(content, options);
            while (reader.Read())
            {
            }

            return null;
        }
        catch (KyamlException e)
        {
            return e;
        }
    }

    /// <summary>Finds the start of the next line that begins with a <c>---</c> marker.</summary>
    private static int NextDocumentStart(byte[] content, int from)
    {
        for (int i = from; i < content.Length; i++)
        {
            if (content[i] != (byte)'\n' || i + 4 > content.Length)
            {
                continue;
            }

            ReadOnlySpan<byte> line = content.AsSpan(i + 1);
            if (line.StartsWith("---"u8)
                && (line.Length == 3 || line[3] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return i + 1;
            }
        }

        return -1;
    }

    internal static string OneLine(string message)
    {
        // Messages quote untrusted input (tags, scalars, parser excerpts): line breaks become spaces so the
        // message stays one line, and other control or invisible format characters (an ESC that starts a
        // terminal sequence, a bidi override) are shown as escapes.
        var builder = new StringBuilder(message.Length);
        foreach (char c in message.ReplaceLineEndings(" "))
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                string escape = c < 0x100 ? "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture)
                    : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
                builder.Append(escape);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
