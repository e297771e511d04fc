using DeviceHealth.Devices;
using Stateless;

namespace DeviceHealth.Benchmarks;

/// <summary>
/// The competitor: the same device phases modelled with the Stateless library, one StateMachine object per device
/// (the usual way to use it). Counting and timers live in fields beside the machine.
/// </summary>
public sealed class StatelessDevice
{
    private readonly StateMachine<DevicePhase, DeviceEventKind> _machine;
    private int _count;

    public StatelessDevice()
    {
        _machine = new StateMachine<DevicePhase, DeviceEventKind>(DevicePhase.Healthy);
        _machine.Configure(DevicePhase.Healthy)
            .PermitIf(DeviceEventKind.Xid, DevicePhase.Unhealthy, () => Fatal)
            .PermitIf(DeviceEventKind.Xid, DevicePhase.Suspect, () => !Fatal)
            .PermitReentry(DeviceEventKind.Healthy)
            .PermitReentry(DeviceEventKind.Tick)
            .PermitReentry(DeviceEventKind.PodsGone)
            .PermitReentry(DeviceEventKind.RemediationSucceeded);
        _machine.Configure(DevicePhase.Suspect)
            .OnEntry(() => _count++)
            .PermitIf(DeviceEventKind.Xid, DevicePhase.Unhealthy, () => Fatal || _count >= 5)
            .PermitReentryIf(DeviceEventKind.Xid, () => !Fatal && _count < 5)
            .Permit(DeviceEventKind.Tick, DevicePhase.Healthy)
            .PermitReentry(DeviceEventKind.Healthy)
            .PermitReentry(DeviceEventKind.PodsGone)
            .PermitReentry(DeviceEventKind.RemediationSucceeded);
        _machine.Configure(DevicePhase.Unhealthy)
            .Permit(DeviceEventKind.PodsGone, DevicePhase.Remediating)
            .PermitReentry(DeviceEventKind.Xid)
            .PermitReentry(DeviceEventKind.Healthy)
            .PermitReentry(DeviceEventKind.Tick)
            .PermitReentry(DeviceEventKind.RemediationSucceeded);
        _machine.Configure(DevicePhase.Remediating)
            .Permit(DeviceEventKind.RemediationSucceeded, DevicePhase.Recovering)
            .PermitReentry(DeviceEventKind.Xid)
            .PermitReentry(DeviceEventKind.Healthy)
            .PermitReentry(DeviceEventKind.Tick)
            .PermitReentry(DeviceEventKind.PodsGone);
        _machine.Configure(DevicePhase.Recovering)
            .Permit(DeviceEventKind.Tick, DevicePhase.Healthy)
            .Permit(DeviceEventKind.Xid, DevicePhase.Unhealthy)
            .PermitReentry(DeviceEventKind.Healthy)
            .PermitReentry(DeviceEventKind.PodsGone)
            .PermitReentry(DeviceEventKind.RemediationSucceeded);
    }

    public bool Fatal { get; set; }

    public DevicePhase Phase => _machine.State;

    public void Fire(DeviceEvent e)
    {
        Fatal = e.Class is not (FaultClass.App or FaultClass.None or FaultClass.Info);
        _machine.Fire(e.Kind);
    }
}
