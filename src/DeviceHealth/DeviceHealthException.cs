namespace DeviceHealth;

/// <summary>Bad input or bad configuration given to DeviceHealth, with where it was found.</summary>
public sealed class DeviceHealthException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeviceHealthException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public DeviceHealthException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="innerException">The cause.</param>
    public DeviceHealthException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a position.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="line">The 1-based line, or 0.</param>
    /// <param name="column">The 1-based column, or 0.</param>
    public DeviceHealthException(string message, int line, int column)
        : base(line > 0 ? $"{message} (line {line}{(column > 0 ? $", column {column}" : "")})" : message)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line of the problem, or 0 when not applicable.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem, or 0 when not known.</summary>
    public int Column { get; }
}
