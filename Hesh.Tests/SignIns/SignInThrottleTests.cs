using Hesh.Core.SignIns;

namespace Hesh.Tests.SignIns;

/// <summary>The per-account-and-address throttle (ASVS 6.1.1), on attempts of one account from one address.</summary>
public sealed class SignInThrottleTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static (DateTime, SignInOutcome) Ago(double minutes, SignInOutcome outcome = SignInOutcome.WrongPassword) =>
        (Now.AddMinutes(-minutes), outcome);

    private static TimeSpan? Check(params (DateTime, SignInOutcome)[] attempts) => SignInThrottle.RetryAfter(attempts, Now);

    [Fact]
    public void Four_failures_leave_the_address_free() =>
        Assert.Null(Check(Ago(4), Ago(3), Ago(2), Ago(1)));

    [Fact]
    public void Five_failures_within_fifteen_minutes_refuse_the_next_attempt() =>
        Assert.NotNull(Check(Ago(5), Ago(4), Ago(3), Ago(2), Ago(1)));

    [Fact]
    public void The_wait_ends_when_the_fifth_newest_failure_leaves_the_window() =>
        // The fifth newest is 10 minutes old: five more minutes until only four remain in the window.
        Assert.Equal(TimeSpan.FromMinutes(5), Check(Ago(14), Ago(10), Ago(3), Ago(2), Ago(1), Ago(0.5)));

    [Fact]
    public void Failures_older_than_the_window_do_not_count() =>
        Assert.Null(Check(Ago(16), Ago(15), Ago(4), Ago(3), Ago(2), Ago(1)));

    [Fact]
    public void A_success_from_the_address_clears_the_failures_before_it() =>
        Assert.Null(Check(Ago(9), Ago(8), Ago(7), Ago(6), Ago(5.5, SignInOutcome.Succeeded), Ago(5), Ago(4), Ago(3), Ago(2)));

    [Fact]
    public void A_right_password_that_only_asked_for_the_code_is_no_success_so_wrong_codes_keep_counting() =>
        Assert.NotNull(Check(Ago(6, SignInOutcome.SecondFactorAsked), Ago(5, SignInOutcome.WrongCode), Ago(4, SignInOutcome.WrongCode),
            Ago(3.5, SignInOutcome.SecondFactorAsked), Ago(3, SignInOutcome.WrongCode), Ago(2, SignInOutcome.WrongCode), Ago(1, SignInOutcome.WrongCode)));

    [Fact]
    public void Attempts_refused_while_throttled_or_locked_keep_the_address_refused() =>
        Assert.NotNull(Check(Ago(14), Ago(13), Ago(12, SignInOutcome.LockedOut), Ago(2, SignInOutcome.Throttled), Ago(1, SignInOutcome.Throttled)));

    [Theory]
    [InlineData(SignInOutcome.NotActivated)]
    [InlineData(SignInOutcome.Inactive)]
    [InlineData(SignInOutcome.SecondFactorAsked)]
    [InlineData(SignInOutcome.Succeeded)]
    public void Refusals_that_checked_no_guess_do_not_count(SignInOutcome outcome) =>
        Assert.Null(Check(Ago(5, outcome), Ago(4, outcome), Ago(3, outcome), Ago(2, outcome), Ago(1, outcome), Ago(0.5, outcome)));

    [Theory]
    [InlineData(30, "Try again in 1 minute.")]
    [InlineData(61, "Try again in 2 minutes.")]
    [InlineData(900, "Try again in 15 minutes.")]
    public void The_refusal_says_the_wait_in_whole_minutes_rounded_up(int seconds, string expected) =>
        Assert.EndsWith(expected, SignInThrottle.Describe(TimeSpan.FromSeconds(seconds)), StringComparison.Ordinal);

    [Fact]
    public void Every_outcome_and_method_reads_as_words_not_as_code_names()
    {
        Assert.All(Enum.GetValues<SignInOutcome>().Except([SignInOutcome.Inactive]), o => Assert.NotEqual(o.ToString(), SignInWords.Outcome(o)));
        Assert.All(Enum.GetValues<SignInMethod>().Except([SignInMethod.Password, SignInMethod.Passkey]), m => Assert.NotEqual(m.ToString(), SignInWords.Method(m)));
    }
}
