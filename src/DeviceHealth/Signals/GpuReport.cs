namespace DeviceHealth.Signals;

/// <summary>What <see cref="NvidiaSmiXmlParser"/> read for one GPU; null values were absent or <c>N/A</c>.</summary>
public sealed record GpuReport
{
    /// <summary>The <c>gpu id</c> attribute (the PCI address).</summary>
    public required string Id { get; init; }

    /// <summary><c>product_name</c>.</summary>
    public string ProductName { get; init; } = "";

    /// <summary><c>uuid</c>.</summary>
    public string Uuid { get; init; } = "";

    /// <summary><c>pci/pci_bus_id</c>.</summary>
    public string PciBusId { get; init; } = "";

    /// <summary><c>ecc_mode/current_ecc</c>.</summary>
    public string EccMode { get; init; } = "";

    /// <summary>Sum of volatile correctable ECC counters.</summary>
    public long? VolatileCorrectable { get; init; }

    /// <summary>Sum of volatile uncorrectable ECC counters.</summary>
    public long? VolatileUncorrectable { get; init; }

    /// <summary>Sum of aggregate correctable ECC counters.</summary>
    public long? AggregateCorrectable { get; init; }

    /// <summary>Sum of aggregate uncorrectable ECC counters.</summary>
    public long? AggregateUncorrectable { get; init; }

    /// <summary>Pages retired for multiple single-bit errors.</summary>
    public int? RetiredPagesSingleBit { get; init; }

    /// <summary>Pages retired for double-bit errors.</summary>
    public int? RetiredPagesDoubleBit { get; init; }

    /// <summary>A page retirement waits for a reset.</summary>
    public bool? RetirementPending { get; init; }

    /// <summary>Rows remapped for correctable errors.</summary>
    public int? RemappedRowsCorrectable { get; init; }

    /// <summary>Rows remapped for uncorrectable errors.</summary>
    public int? RemappedRowsUncorrectable { get; init; }

    /// <summary>A remap waits for a reset.</summary>
    public bool? RemapPending { get; init; }

    /// <summary>A remap failed (the GPU needs service).</summary>
    public bool? RemapFailure { get; init; }

    /// <summary>Clock-event (throttle) reasons that are Active, without the prefix (for example <c>hw_slowdown</c>).</summary>
    public IReadOnlyList<string> ActiveClockEvents { get; init; } = [];

    /// <summary>PCIe generation now.</summary>
    public int? PcieCurrentGen { get; init; }

    /// <summary>PCIe generation supported.</summary>
    public int? PcieMaxGen { get; init; }

    /// <summary>PCIe link width now (lanes).</summary>
    public int? PcieCurrentWidth { get; init; }

    /// <summary>PCIe link width supported (lanes).</summary>
    public int? PcieMaxWidth { get; init; }

    /// <summary>PCIe replay counter.</summary>
    public long? PcieReplays { get; init; }

    /// <summary><c>mig_mode/current_mig</c> (empty when absent).</summary>
    public string MigMode { get; init; } = "";

    /// <summary>MIG devices listed.</summary>
    public int MigDevices { get; init; }

    /// <summary>GPU temperature in °C.</summary>
    public int? TemperatureC { get; init; }

    /// <summary>The health verdict derived from the counters.</summary>
    public GpuHealth Health { get; init; }

    /// <summary>Why the verdict is not Healthy.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];
}
