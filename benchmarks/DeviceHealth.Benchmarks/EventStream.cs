using DeviceHealth.Devices;

namespace DeviceHealth.Benchmarks;

/// <summary>A fixed, seeded event mix for 100,000 devices: mostly heartbeats, some app XIDs, a few fatal faults.</summary>
internal static class EventStream
{
    public const int Devices = 100_000;
    public const int Events = 1_000_000;

    public static (int Device, DeviceEvent Event, long Seconds)[] Build()
    {
        string[] ids = [.. Enumerable.Range(0, Devices).Select(i => $"GPU-{i:D6}")];
        Random random = new(20260101);
        var events = new (int, DeviceEvent, long)[Events];
        long seconds = 0;
        for (int i = 0; i < Events; i++)
        {
            int d = random.Next(Devices);
            int roll = random.Next(1000);
            DeviceEvent e = roll switch
            {
                < 700 => new DeviceEvent(DeviceEventKind.Healthy, ids[d]),
                < 850 => new DeviceEvent(DeviceEventKind.Tick, ids[d]),
                < 950 => new DeviceEvent(DeviceEventKind.Xid, ids[d], 13, FaultClass.App),
                < 990 => new DeviceEvent(DeviceEventKind.PodsGone, ids[d]),
                < 997 => new DeviceEvent(DeviceEventKind.RemediationSucceeded, ids[d]),
                _ => new DeviceEvent(DeviceEventKind.Xid, ids[d], 79, FaultClass.NodeReboot),
            };
            seconds += random.Next(2);
            events[i] = (d, e, seconds);
        }

        return events;
    }
}
