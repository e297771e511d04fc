namespace LinuxMemory.ZoneInfo;

/// <summary>The kind of a memory zone, as named in the <c>Node N, zone NAME</c> header of /proc/zoneinfo.</summary>
public enum ZoneType
{
    /// <summary>A zone name this library does not know; treated like an ordinary (lowmem) zone.</summary>
    Other = 0,

    /// <summary>ZONE_DMA.</summary>
    Dma,

    /// <summary>ZONE_DMA32.</summary>
    Dma32,

    /// <summary>ZONE_NORMAL.</summary>
    Normal,

    /// <summary>ZONE_HIGHMEM (32-bit kernels).</summary>
    HighMem,

    /// <summary>ZONE_MOVABLE.</summary>
    Movable,

    /// <summary>ZONE_DEVICE (always empty; device memory is not managed by the page allocator).</summary>
    Device,
}
