using LinuxMemory.VmStat;

namespace LinuxMemory.Monitoring;

/// <summary>
/// Reads /proc/vmstat on each <see cref="Sample"/> call and returns the rates since the previous call, timed by a
/// <see cref="TimeProvider"/>. The caller decides when to sample (a timer, a loop with <c>Task.Delay</c>).
/// </summary>
public sealed class VmStatSampler
{
    private readonly string _path;
    private readonly TimeProvider _timeProvider;
    private VmStatSnapshot _previous = new();
    private VmStatSnapshot _current = new();
    private long _previousTimestamp;
    private bool _hasPrevious;

    /// <summary>Initializes a new sampler.</summary>
    /// <param name="path">The vmstat file, normally <c>/proc/vmstat</c>.</param>
    /// <param name="timeProvider">The clock.</param>
    public VmStatSampler(string path, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _path = path;
        _timeProvider = timeProvider;
    }

    /// <summary>Reads the file and returns the rates since the previous read.</summary>
    /// <returns>The rates, or <see langword="null"/> on the first call or when no time has passed.</returns>
    /// <exception cref="LinuxMemoryFormatException">The file is malformed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public ReclaimRates? Sample()
    {
        byte[] bytes = BoundedFile.TryRead(_path, 1 << 20) ?? throw new FileNotFoundException("The vmstat file does not exist.", _path);
        long timestamp = _timeProvider.GetTimestamp();
        VmStatParser.Parse(bytes, _current, _path);

        ReclaimRates? rates = null;
        TimeSpan elapsed = _timeProvider.GetElapsedTime(_previousTimestamp, timestamp);
        if (_hasPrevious && elapsed > TimeSpan.Zero)
        {
            rates = VmStatMonitor.Compare(_previous, _current, elapsed);
        }

        (_previous, _current) = (_current, _previous);
        _previousTimestamp = timestamp;
        _hasPrevious = true;
        return rates;
    }
}
