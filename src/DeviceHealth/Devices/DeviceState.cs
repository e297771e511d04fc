using System.Runtime.InteropServices;

namespace DeviceHealth.Devices;

/// <summary>
/// The state of one device: a small value (about 64 bytes) so that a node agent can keep hundreds of thousands of them.
/// Times are stored as UTC ticks.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct DeviceState
{
    internal DeviceState(
        DevicePhase phase,
        FaultClass faultClass,
        long sinceTicks,
        long deadlineTicks,
        int count,
        int attempts,
        long lastSequence,
        long episodeTicks,
        short lastXid,
        long lastXidTicks,
        byte lastKind = 0)
    {
        Phase = phase;
        Class = faultClass;
        SinceTicks = sinceTicks;
        DeadlineTicks = deadlineTicks;
        Count = count;
        Attempts = attempts;
        LastSequence = lastSequence;
        EpisodeTicks = episodeTicks;
        LastXid = lastXid;
        LastXidTicks = lastXidTicks;
        LastKind = lastKind;
    }

    /// <summary>The initial state: healthy since the beginning of time.</summary>
    public static DeviceState Initial => default;

    /// <summary>The phase.</summary>
    public DevicePhase Phase { get; }

    /// <summary>The fault class (for Unhealthy and later phases of the same episode).</summary>
    public FaultClass Class { get; }

    /// <summary>When the current phase was entered.</summary>
    public DateTimeOffset Since => new(SinceTicks, TimeSpan.Zero);

    /// <summary>The phase's deadline (window end, drain or remediation timeout, probation end); <see cref="DateTimeOffset.MinValue"/> when none.</summary>
    public DateTimeOffset Deadline => new(DeadlineTicks, TimeSpan.Zero);

    /// <summary>Repetitions of non-fatal signals in the current window.</summary>
    public int Count { get; }

    /// <summary>Remediation attempts in the current episode.</summary>
    public int Attempts { get; }

    /// <summary>The last applied sequence number.</summary>
    public long LastSequence { get; }

    internal long SinceTicks { get; }

    internal long DeadlineTicks { get; }

    internal long EpisodeTicks { get; }

    internal short LastXid { get; }

    internal long LastXidTicks { get; }

    /// <summary>The strongest remediation kind used in this episode (escalation never softens).</summary>
    internal byte LastKind { get; }

    internal DeviceState With(
        DevicePhase phase,
        FaultClass faultClass,
        long sinceTicks,
        long deadlineTicks,
        int count,
        int attempts,
        long episodeTicks) =>
        new(phase, faultClass, sinceTicks, deadlineTicks, count, attempts, LastSequence, episodeTicks, LastXid, LastXidTicks,
            attempts == 0 ? (byte)0 : LastKind);

    internal DeviceState WithSequence(long sequence) =>
        new(Phase, Class, SinceTicks, DeadlineTicks, Count, Attempts, sequence, EpisodeTicks, LastXid, LastXidTicks, LastKind);

    internal DeviceState WithLastXid(short xid, long ticks) =>
        new(Phase, Class, SinceTicks, DeadlineTicks, Count, Attempts, LastSequence, EpisodeTicks, xid, ticks, LastKind);

    internal DeviceState WithLastKind(byte kind) =>
        new(Phase, Class, SinceTicks, DeadlineTicks, Count, Attempts, LastSequence, EpisodeTicks, LastXid, LastXidTicks, kind);

    /// <inheritdoc />
    public override string ToString() =>
        Phase is DevicePhase.Healthy ? "Healthy" : $"{Phase}({Class}, since {Since:O}, count {Count}, attempts {Attempts})";
}
