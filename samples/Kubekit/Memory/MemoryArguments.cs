using System.Globalization;
using LinuxMemory.Planning;

namespace Kubekit.Memory;

/// <summary>The parsed command line of 'kubekit memory'.</summary>
internal sealed class MemoryArguments
{
    public string ProcRoot { get; private set; } = "/proc";

    public bool IsLive { get; private set; } = true;

    public long? MinFreeKbytes { get; private set; }

    public long? WatermarkScaleFactor { get; private set; }

    public EvictionThreshold EvictionHard { get; private set; } = EvictionThreshold.Default;

    public EvictionThreshold? EvictionSoft { get; private set; }

    public int? PageSizeBytes { get; private set; }

    public bool Json { get; private set; }

    public string? SvgPath { get; private set; }

    public bool Help { get; private set; }

    /// <summary>Parses the arguments; returns an error message (one line) or null.</summary>
    public static string? TryParse(string[] args, out MemoryArguments result)
    {
        result = new MemoryArguments();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (arg)
            {
                case "-h":
                case "--help":
                    result.Help = true;
                    break;
                case "--json":
                    result.Json = true;
                    break;
                case "--proc":
                    if (string.IsNullOrEmpty(value))
                    {
                        return "--proc needs a directory";
                    }

                    result.ProcRoot = value;
                    result.IsLive = false;
                    i++;
                    break;
                case "--svg":
                    if (string.IsNullOrEmpty(value))
                    {
                        return "--svg needs a file name";
                    }

                    result.SvgPath = value;
                    i++;
                    break;
                case "--min-free-kbytes":
                    if (!TryLong(value, 0, 1L << 40, out long minFree))
                    {
                        return $"--min-free-kbytes needs an integer from 0 to {1L << 40}, found '{value}'";
                    }

                    result.MinFreeKbytes = minFree;
                    i++;
                    break;
                case "--watermark-scale-factor":
                    if (!TryLong(value, 1, 3000, out long wsf))
                    {
                        return $"--watermark-scale-factor needs an integer from 1 to 3000, found '{value}'";
                    }

                    result.WatermarkScaleFactor = wsf;
                    i++;
                    break;
                case "--eviction-hard":
                case "--eviction-soft":
                    if (!EvictionThreshold.TryParse(value, out EvictionThreshold threshold))
                    {
                        return $"{arg} needs a quantity such as 100Mi or a percentage such as 5%, found '{value}'";
                    }

                    if (arg == "--eviction-hard")
                    {
                        result.EvictionHard = threshold;
                    }
                    else
                    {
                        result.EvictionSoft = threshold;
                    }

                    i++;
                    break;
                case "--page-size":
                    if (!TryLong(value, 1024, 1 << 20, out long pageSize) || !long.IsPow2(pageSize))
                    {
                        return $"--page-size needs a power of two from 1024 to 1048576, found '{value}'";
                    }

                    result.PageSizeBytes = (int)pageSize;
                    i++;
                    break;
                default:
                    return $"unknown option '{arg}'; run 'kubekit memory --help'";
            }
        }

        return null;
    }

    private static bool TryLong(string? text, long min, long max, out long value)
    {
        value = 0;
        return text is not null &&
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) &&
            value >= min && value <= max;
    }

    public const string Usage = """
        usage: kubekit memory [options]

        Reports the zone watermarks of this machine (printed by the kernel and computed from the vm sysctls),
        the kswapd swapping window, where kubelet's memory.available eviction thresholds fall, and tuning advice.

        options:
          --proc DIR                     read DIR/zoneinfo, DIR/meminfo, DIR/vmstat, DIR/sys/vm/* instead of /proc
          --min-free-kbytes N            what-if: watermarks for this vm.min_free_kbytes
          --watermark-scale-factor N     what-if: watermarks for this vm.watermark_scale_factor (1..3000)
          --eviction-hard Q              kubelet evictionHard memory.available (default 100Mi; 5% also accepted)
          --eviction-soft Q              kubelet evictionSoft memory.available
          --page-size N                  page size of a captured tree (default: this machine's, 4096 for --proc)
          --json                         machine-readable output
          --svg FILE                     draw the pressure zones (watermarks and eviction thresholds) as SVG

        exit codes: 0 report printed, 1 problems found (eviction after direct reclaim, unexplained watermarks,
        no zoneinfo), 2 bad input or usage.

        """;
}
