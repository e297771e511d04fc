namespace Kubekit.Devices;

/// <summary>Bad usage or unreadable input: reported as one line on stderr with exit code 2.</summary>
internal sealed class DevicesUsageException : Exception
{
    public DevicesUsageException()
    {
    }

    public DevicesUsageException(string message)
        : base(message)
    {
    }

    public DevicesUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
