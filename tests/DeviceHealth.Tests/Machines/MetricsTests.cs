using System.Diagnostics.Metrics;
using DeviceHealth.Devices;
using DeviceHealth.Observability;
using DeviceHealth.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace DeviceHealth.Tests.Machines;

public class MetricsTests
{
    private sealed class ScopedMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            Meter meter = new(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }

    [Fact]
    public void Controller_Transition_RecordsTransitionActionAndHoldCounters()
    {
        using ScopedMeterFactory factory = new();
        using DeviceHealthMetrics metrics = new(factory);
        List<(string Instrument, long Value, Dictionary<string, object?> Tags)> seen = [];
        using MeterListener listener = new();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        DeviceHealthController controller = new(timeProvider: new FakeTimeProvider(DeviceScript0), metrics: metrics);

        controller.Process(new DeviceEvent(DeviceEventKind.Xid, "gpu0", 1, FaultClass.HeldForHuman));

        Assert.Contains(seen, m => m.Instrument == "devicehealth.transitions" && (string?)m.Tags["to"] == "Quarantined(held-for-human)");
        Assert.Contains(seen, m => m.Instrument == "devicehealth.actions" && (string?)m.Tags["intent"] == "TaintDevice");
        Assert.Contains(seen, m => m.Instrument == "devicehealth.holds" && (string?)m.Tags["reason"] == "RepeatedFailure");
        Assert.All(seen, m => Assert.Equal("device", m.Tags["machine"]));
    }

    private static readonly DateTimeOffset DeviceScript0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FleetSimulator_BadOptions_ThrowNamingTheField()
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => FleetSimulator.Run(new SimulationOptions { Days = 0 }));

        Assert.Contains("Days", ex.Message, StringComparison.Ordinal);
    }
}
