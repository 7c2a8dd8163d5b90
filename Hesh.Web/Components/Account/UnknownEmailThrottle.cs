using Hesh.Core.SignIns;
using Microsoft.Extensions.Caching.Memory;

namespace Hesh.Web.Components.Account;

/// <summary>
/// "Too many attempts from this address" for an email with no account too, after as many guesses as for a real one:
/// otherwise the throttle's message alone would tell which emails have accounts. Counted per node, in memory (there is
/// no account row to count against); a real account's throttle is counted from its stored attempts.
/// </summary>
internal sealed class UnknownEmailThrottle(IMemoryCache cache, TimeProvider clock)
{
    private sealed class Guesses(DateTime first)
    {
        public DateTime First { get; } = first;
        public int Count;
    }

    /// <summary>Counts one more guess at <paramref name="email"/> from <paramref name="address"/>; the wait when it is one too many.</summary>
    public TimeSpan? Count(string email, string? address)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var guesses = cache.GetOrCreate($"hesh:unknown-sign-in|{email.Trim().ToUpperInvariant()}|{address}", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = SignInThrottle.Window;
            return new Guesses(now);
        })!;
        var count = Interlocked.Increment(ref guesses.Count);
        var wait = guesses.First + SignInThrottle.Window - now;
        return count > SignInThrottle.MaxFailures && wait > TimeSpan.Zero ? wait : null;
    }
}
