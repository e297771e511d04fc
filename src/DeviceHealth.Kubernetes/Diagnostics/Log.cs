using Microsoft.Extensions.Logging;

namespace DeviceHealth.Kubernetes.Diagnostics;

/// <summary>The package's log messages, source-generated.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Listed {Resource}: {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string resource, int count, string resourceVersion);

    [LoggerMessage(2, LogLevel.Information, "Watch of {Resource} expired (410 Gone); relisting")]
    public static partial void WatchExpired(ILogger logger, string resource);

    [LoggerMessage(3, LogLevel.Warning, "Watch of {Resource} failed; reconnecting in {Delay}")]
    public static partial void WatchFailed(ILogger logger, string resource, TimeSpan delay, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "Watch of {Resource} ended; resuming from resourceVersion {ResourceVersion}")]
    public static partial void WatchEnded(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(10, LogLevel.Information, "Applied {Action} ({IdempotencyKey}) to {Target}")]
    public static partial void ActionApplied(ILogger logger, string action, string idempotencyKey, string target);

    [LoggerMessage(11, LogLevel.Debug, "Skipped {Action} ({IdempotencyKey}) on {Target}: {Outcome}, {Detail}")]
    public static partial void ActionSkipped(
        ILogger logger,
        string action,
        string idempotencyKey,
        string target,
        string outcome,
        string detail);

    [LoggerMessage(12, LogLevel.Warning, "Failed to apply {Action} ({IdempotencyKey}) to {Target}: {Detail}")]
    public static partial void ActionFailed(
        ILogger logger,
        string action,
        string idempotencyKey,
        string target,
        string detail,
        Exception? exception);

    [LoggerMessage(13, LogLevel.Information, "Holding {Subject}: {Reason}, {Message}")]
    public static partial void Held(ILogger logger, string subject, string reason, string message);

    [LoggerMessage(20, LogLevel.Information, "{Identity} became the leader through Lease {Namespace}/{Name}")]
    public static partial void StartedLeading(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(21, LogLevel.Warning, "{Identity} stopped leading Lease {Namespace}/{Name}")]
    public static partial void StoppedLeading(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(22, LogLevel.Debug, "Lease {Namespace}/{Name} is held by {Holder}")]
    public static partial void LeaseHeldByOther(ILogger logger, string @namespace, string name, string holder);

    [LoggerMessage(23, LogLevel.Warning, "Lease {Namespace}/{Name} request failed")]
    public static partial void LeaseRequestFailed(ILogger logger, string @namespace, string name, Exception exception);

    [LoggerMessage(30, LogLevel.Warning, "Ignored {Resource} {Name}: {Problem}")]
    public static partial void ObjectIgnored(ILogger logger, string resource, string name, string problem);
}
