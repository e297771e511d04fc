namespace LinuxMemory.Analysis;

/// <summary>How a zone's printed watermarks relate to the computed ones.</summary>
public enum WatermarkMatch
{
    /// <summary>Printed and computed are equal (boost from the <c>boost</c> line included).</summary>
    Exact = 0,

    /// <summary>They differ by the same number of pages in min, low and high: a boost the kernel did not print.</summary>
    BoostNotPrinted,

    /// <summary>
    /// They differ, but the printed mins still add up to <c>min_free_kbytes</c>: the kernel computed its watermarks
    /// when the zones had other managed sizes (boot time, before initrd/initmem was freed, a balloon driver or
    /// memory hotplug moved pages since).
    /// </summary>
    ManagedChanged,

    /// <summary>
    /// They differ from today's managed pages, but equal the values computed from the managed sizes the zones had at
    /// boot, recovered from the <c>protection:</c> arrays (which the kernel computes only at boot and on hotplug).
    /// </summary>
    ExactWithBootSizes,

    /// <summary>They differ and the printed mins do not add up to <c>min_free_kbytes</c>.</summary>
    Different,

    /// <summary>No comparison: the computed values are for proposed (what-if) settings.</summary>
    WhatIf,
}
