namespace Hesh.Tests.Infrastructure;

/// <summary>A clock the test moves by hand: rules that count time (retention, throttle windows) without waiting.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public static ManualClock AtNow() => new(DateTimeOffset.UtcNow);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
