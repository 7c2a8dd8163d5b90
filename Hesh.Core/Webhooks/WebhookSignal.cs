namespace Hesh.Core.Webhooks;

/// <summary>Wakes the dispatcher after a commit that queued deliveries; a missed or spurious wake costs at most one poll.</summary>
public sealed class WebhookSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake-pending: one wake covers every commit before it.
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
