namespace Hesh.Core.SignIns;

/// <summary>
/// The per-account-and-address throttle (OWASP ASVS 6.1.1): after <see cref="MaxFailures"/> failures of one account
/// from one address within <see cref="Window"/>, that address is refused for that account — the password is not even
/// looked at — while the same account still signs in from anywhere else. Someone who knows the owner's email can no
/// longer lock the owner out; Identity's account-wide lockout stays only as a backstop against guessing spread over
/// many addresses (<see cref="LocksAccount"/>).
/// </summary>
public static class SignInThrottle
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>
    /// What counts against an address: wrong passwords and codes, and attempts refused without a check (throttled,
    /// locked) — so an address that keeps trying while refused stays refused. "Code asked" is no success: the second
    /// factor was not given, and counting it as one would let a password holder guess codes without end.
    /// </summary>
    public static bool IsFailure(SignInOutcome outcome) =>
        outcome is SignInOutcome.WrongPassword or SignInOutcome.WrongCode or SignInOutcome.Throttled or SignInOutcome.LockedOut;

    /// <summary>
    /// How long the address must wait, or null when it may try now. <paramref name="attempts"/> are one account's
    /// attempts from one address (any order, any age); only failures after its latest success in the window count.
    /// </summary>
    public static TimeSpan? RetryAfter(IEnumerable<(DateTime At, SignInOutcome Outcome)> attempts, DateTime now)
    {
        var since = now - Window;
        var recent = attempts.Where(a => a.At > since).ToList();
        var lastSuccess = recent.Where(a => a.Outcome == SignInOutcome.Succeeded).Select(a => (DateTime?)a.At).Max();
        var failures = recent.Where(a => IsFailure(a.Outcome) && (lastSuccess is null || a.At > lastSuccess))
            .Select(a => a.At).OrderDescending().ToList();
        if (failures.Count < MaxFailures)
        {
            return null;
        }
        // Free again once fewer than MaxFailures remain in the window: when the MaxFailures-th newest leaves it.
        var wait = failures[MaxFailures - 1] + Window - now;
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>
    /// The account-wide backstop: this many wrong passwords and codes for one account within <see cref="Window"/>, from
    /// all addresses together, lock it for <see cref="Users.AccountPolicy.LockoutDuration"/>. Counted in a window rather
    /// than Identity's running total, so one address held to <see cref="MaxFailures"/> per window can never reach it.
    /// </summary>
    public static bool LocksAccount(int recentGuesses) => recentGuesses >= Users.AccountPolicy.LockoutThreshold;

    /// <summary>The refusal a person reads on the sign-in page.</summary>
    public static string Describe(TimeSpan retryAfter) =>
        Messages.Say("Too many attempts from this address. Try again in {0}.", Minutes(retryAfter));

    /// <summary>The refusal when a password re-entered inside a session (change password, transfer ownership) is throttled.</summary>
    public static string DescribeReentry(TimeSpan retryAfter) =>
        Messages.Say("Too many wrong passwords. Try again in {0}.", Minutes(retryAfter));

    private static string Minutes(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return Messages.Count(minutes, "{0} minute", "{0} minutes");
    }
}
