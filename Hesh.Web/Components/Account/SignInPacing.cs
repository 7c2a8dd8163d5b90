using System.Diagnostics;

namespace Hesh.Web.Components.Account;

/// <summary>
/// A wrong password for an active account costs a verification and a write (the failure count, towards the lockout);
/// an unknown email, a Pending or Inactive user and a locked account cost the same verification but no write. The
/// write alone is several milliseconds on a busy SQLite — enough for an attacker's medians to tell the two apart — so
/// those sign-ins are held, after their verification, for what the write typically adds: the median of recent wrong
/// passwords less the median of recent verifications. Added rather than waited up to, so both keep the same spread;
/// spun rather than slept, because on a busy machine a sleeping request waits its turn to run again. Capped.
/// </summary>
internal sealed class SignInPacing
{
    private static readonly TimeSpan LongestHold = TimeSpan.FromMilliseconds(20);
    private readonly Window _wrongPasswords = new();
    private readonly Window _verifications = new();

    /// <summary>A wrong password for an active account took <paramref name="elapsed"/>, its verification and failure count together.</summary>
    public void WrongPassword(TimeSpan elapsed) => _wrongPasswords.Add(elapsed);

    /// <summary>What a wrong password typically adds to its verification.</summary>
    public TimeSpan TypicalWrite
    {
        get
        {
            var extra = _wrongPasswords.Median - _verifications.Median;
            return extra <= TimeSpan.Zero || _verifications.Median == TimeSpan.Zero ? TimeSpan.Zero
                : extra < LongestHold ? extra : LongestHold;
        }
    }

    /// <summary>A refused sign-in has verified a password since <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp): hold it.</summary>
    public void Refused(long started)
    {
        var verified = Stopwatch.GetElapsedTime(started);
        _verifications.Add(verified);
        var until = verified + TypicalWrite;
        while (Stopwatch.GetElapsedTime(started) < until)
        {
            Thread.SpinWait(100);
        }
    }

    /// <summary>The last few durations of one kind.</summary>
    private sealed class Window
    {
        private const int Size = 31;
        private readonly Lock _gate = new();
        private readonly TimeSpan[] _recent = new TimeSpan[Size];
        private int _count;
        private int _next;

        public void Add(TimeSpan elapsed)
        {
            lock (_gate)
            {
                _recent[_next] = elapsed;
                _next = (_next + 1) % Size;
                _count = Math.Min(_count + 1, Size);
            }
        }

        public TimeSpan Median
        {
            get
            {
                lock (_gate)
                {
                    return _count == 0 ? TimeSpan.Zero : _recent[.._count].Order().ElementAt(_count / 2);
                }
            }
        }
    }
}
