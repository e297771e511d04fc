using DeviceHealth.Kubernetes.Applying;
using DeviceHealth.Kubernetes.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeviceHealth.ControllerSample;

/// <summary>Runs the DeviceHealth controller for the lifetime of the host and logs what it does.</summary>
internal sealed partial class DeviceHealthWorker : BackgroundService
{
    private readonly DeviceHealthKubernetesController _controller;
    private readonly ILogger<DeviceHealthWorker> _logger;

    public DeviceHealthWorker(DeviceHealthKubernetesController controller, ILogger<DeviceHealthWorker> logger)
    {
        _controller = controller;
        _logger = logger;
        _controller.ActionCompleted += OnActionCompleted;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only the replica holding the Lease watches and acts; the others wait for it to go away.
        return _controller.RunAsync(stoppingToken);
    }

    private void OnActionCompleted(object? sender, ActionCompletedEventArgs e)
    {
        if (e.Result.Outcome is ActionOutcome.Failed or ActionOutcome.Deferred)
        {
            ActionNotDone(_logger, e.Intent.GetType().Name, e.Intent.IdempotencyKey, e.Result.Outcome, e.Result.Detail);
        }
        else
        {
            ActionDone(_logger, e.Intent.GetType().Name, e.Intent.IdempotencyKey, e.Result.Outcome, e.Result.Detail);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "{Action} {Key}: {Outcome} ({Detail})")]
    private static partial void ActionDone(ILogger logger, string action, string key, ActionOutcome outcome, string detail);

    [LoggerMessage(2, LogLevel.Warning, "{Action} {Key}: {Outcome} ({Detail}); the next snapshot will retry")]
    private static partial void ActionNotDone(ILogger logger, string action, string key, ActionOutcome outcome, string detail);
}
