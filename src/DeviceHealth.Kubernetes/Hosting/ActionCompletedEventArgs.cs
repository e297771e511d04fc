using DeviceHealth.Actions;
using DeviceHealth.Kubernetes.Applying;

namespace DeviceHealth.Kubernetes.Hosting;

/// <summary>Describes one action intent the controller applied, or decided not to write.</summary>
public sealed class ActionCompletedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="intent">The intent.</param>
    /// <param name="result">What happened.</param>
    /// <param name="at">When (from the controller's <see cref="TimeProvider"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="intent"/> is null.</exception>
    public ActionCompletedEventArgs(ActionIntent intent, ActionResult result, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(intent);
        Intent = intent;
        Result = result;
        At = at;
    }

    /// <summary>The intent.</summary>
    public ActionIntent Intent { get; }

    /// <summary>What happened.</summary>
    public ActionResult Result { get; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; }
}
