namespace LinuxMemory;

/// <summary>
/// The exception thrown when a /proc, sysctl or cgroup file does not have the shape the kernel prints:
/// it names the file, the 1-based line and column, what was expected and what was found.
/// </summary>
public sealed class LinuxMemoryFormatException : FormatException
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public LinuxMemoryFormatException()
        : this("The input is not in the format the kernel prints.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message.</param>
    public LinuxMemoryFormatException(string message)
        : base(message)
    {
        FileName = string.Empty;
        Expected = string.Empty;
        Found = string.Empty;
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public LinuxMemoryFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
        Expected = string.Empty;
        Found = string.Empty;
    }

    /// <summary>Initializes a new instance describing a bad line.</summary>
    /// <param name="fileName">The file (for example <c>/proc/zoneinfo</c>).</param>
    /// <param name="lineNumber">The 1-based line number (0 when the problem is not tied to a line).</param>
    /// <param name="column">The 1-based column (0 when not known).</param>
    /// <param name="expected">What the parser expected.</param>
    /// <param name="found">What it found (shortened to 60 characters).</param>
    public LinuxMemoryFormatException(string fileName, int lineNumber, int column, string expected, string found)
        : base(BuildMessage(fileName, lineNumber, column, expected, found))
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Column = column;
        Expected = expected;
        Found = found;
    }

    /// <summary>Gets the file the bad input came from.</summary>
    public string FileName { get; }

    /// <summary>Gets the 1-based line number, or 0 when the problem concerns the whole file.</summary>
    public int LineNumber { get; }

    /// <summary>Gets the 1-based column, or 0 when not known.</summary>
    public int Column { get; }

    /// <summary>Gets a description of what was expected.</summary>
    public string Expected { get; }

    /// <summary>Gets the text that was found instead.</summary>
    public string Found { get; }

    private static string BuildMessage(string fileName, int lineNumber, int column, string expected, string found)
    {
        string where = lineNumber <= 0
            ? fileName
            : column <= 0
                ? $"{fileName}:{lineNumber}"
                : $"{fileName}:{lineNumber}:{column}";
        return $"{where}: expected {expected}, found '{found}'";
    }
}
