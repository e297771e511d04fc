namespace DeviceHealth.Kubernetes.Internal;

/// <summary>
/// A cancellation token that fires when the caller's token does or when <c>timeout</c> has passed on the given
/// <see cref="TimeProvider"/>, so request timeouts follow the same clock as everything else.
/// </summary>
internal sealed class RequestTimeout : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public RequestTimeout(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        _timer = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
