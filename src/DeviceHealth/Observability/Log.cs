using Microsoft.Extensions.Logging;

namespace DeviceHealth.Observability;

/// <summary>Source-generated log messages of every controller.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Machine} {Subject}: {From} -> {To} on {Trigger} ({ActionCount} action(s))")]
    public static partial void Transitioned(
        ILogger logger, string machine, string subject, string from, string to, string trigger, int actionCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Machine} {Subject}: held ({Reason}): {Message}")]
    public static partial void Held(ILogger logger, string machine, string subject, string reason, string message);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Machine} {Subject}: intent {Intent} key {Key}")]
    public static partial void Intent(ILogger logger, string machine, string subject, string intent, string key);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "{Machine}: a Transitioned handler threw")]
    public static partial void HandlerFailed(ILogger logger, string machine, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Storm breaker opened: {Cordons} cordon(s) in the window, new actions blocked until {Until}")]
    public static partial void BreakerOpened(ILogger logger, int cordons, DateTimeOffset until);
}
