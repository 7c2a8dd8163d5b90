namespace Hesh.Tests.Security;

/// <summary>
/// A test world built by the first case that asks and shared by the rest: attacks are refused, so the world stays as
/// built, and building it once per class keeps the suite fast. Each case still compares its own before and after.
/// </summary>
public sealed class OnceBuilt<T> where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private T? _value;

    public async Task<T> GetAsync(Func<Task<T>> build)
    {
        await _gate.WaitAsync();
        try
        {
            return _value ??= await build();
        }
        finally
        {
            _gate.Release();
        }
    }
}
