using Hesh.Core.Data;
using Hesh.Core.SignIns;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.SignIns;

/// <summary>The history's store: who may read it, its pages, its 90 days, and the throttle counted from it — on a clock the test moves.</summary>
public sealed class SignInHistoryTests(AppHost host)
{
    private Task<T> WithHistoryAsync<T>(TimeProvider clock, Func<SignInHistory, Task<T>> work) =>
        host.WithScopeAsync(s => work(ActivatorUtilities.CreateInstance<SignInHistory>(s, clock)));

    private Task SeedAsync(HeshUser user, params (DateTimeOffset At, SignInOutcome Outcome, string? Ip)[] attempts) =>
        host.DbAsync(async db =>
        {
            db.SignInAttempts.AddRange(attempts.Select(a => new SignInAttempt
            {
                UserId = user.Id, CompanyId = user.CompanyId, At = a.At.UtcDateTime, Outcome = a.Outcome, Method = SignInMethod.Password,
                IpAddress = a.Ip, Device = "Chrome on Windows",
            }));
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Attempts_older_than_ninety_days_are_deleted_and_younger_ones_kept()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Old");
        var clock = ManualClock.AtNow();
        await SeedAsync(user, (clock.Now.AddDays(-91), SignInOutcome.Succeeded, "203.0.113.81"), (clock.Now.AddDays(-89), SignInOutcome.WrongPassword, "203.0.113.81"));

        await WithHistoryAsync(clock, h => h.DeleteExpiredAsync());
        clock.Advance(TimeSpan.FromDays(2));
        var kept = await host.DbAsync(db => db.SignInAttempts.Where(a => a.UserId == user.Id).Select(a => a.Outcome).ToListAsync());
        await WithHistoryAsync(clock, h => h.DeleteExpiredAsync());

        Assert.Equal([SignInOutcome.WrongPassword], kept);
        Assert.Empty(await host.DbAsync(db => db.SignInAttempts.Where(a => a.UserId == user.Id).ToListAsync()));
    }

    [Fact]
    public async Task The_throttle_counts_one_account_from_one_address_and_frees_it_once_the_window_has_passed()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Thr");
        var other = await company.AddUserAsync("Oth");
        var clock = ManualClock.AtNow();
        var minutesAgo = new[] { 10, 8, 6, 4, 2 };
        await SeedAsync(user, [.. minutesAgo.Select(m => (clock.Now.AddMinutes(-m), SignInOutcome.WrongPassword, (string?)"203.0.113.82"))]);
        await SeedAsync(other, (clock.Now.AddMinutes(-1), SignInOutcome.WrongPassword, "203.0.113.82"));

        var fromA = await WithHistoryAsync(clock, h => h.ThrottledForAsync(user, "203.0.113.82"));
        var fromB = await WithHistoryAsync(clock, h => h.ThrottledForAsync(user, "198.51.100.82"));
        var otherFromA = await WithHistoryAsync(clock, h => h.ThrottledForAsync(other, "203.0.113.82"));
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var later = await WithHistoryAsync(clock, h => h.ThrottledForAsync(user, "203.0.113.82"));

        Assert.Equal(TimeSpan.FromMinutes(5), fromA);
        Assert.Null(fromB);
        Assert.Null(otherFromA);
        Assert.Null(later);
    }

    [Fact]
    public async Task A_patient_single_address_never_locks_the_account_but_fifty_guesses_from_many_addresses_in_fifteen_minutes_do()
    {
        var company = await host.CreateCompanyAsync();
        var patient = await company.AddUserAsync("Pat");
        var swarmed = await company.AddUserAsync("Swa");
        var clock = ManualClock.AtNow();
        // Three hours of five guesses each time the throttle lets the address in again: 60 guesses, never 50 in a window.
        await SeedAsync(patient, [.. Enumerable.Range(0, 60).Select(i => (clock.Now.AddMinutes(-180 + (i / 5) * 16 + i % 5 * 0.1), SignInOutcome.WrongPassword, (string?)"203.0.113.83"))]);
        await SeedAsync(swarmed, [.. Enumerable.Range(0, AccountPolicy.LockoutThreshold).Select(i => (clock.Now.AddMinutes(-10), SignInOutcome.WrongPassword, (string?)$"192.0.2.{i / 5}"))]);

        var patientLock = await WithHistoryAsync(clock, h => h.BackstopLockoutAsync(patient));
        var swarmedLock = await WithHistoryAsync(clock, h => h.BackstopLockoutAsync(swarmed));

        Assert.Null(patientLock);
        Assert.Equal(clock.Now + AccountPolicy.LockoutDuration, swarmedLock);
    }

    [Fact]
    public async Task The_user_and_an_admin_read_the_history_newest_first_a_page_at_a_time()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Pag");
        var admin = await company.AddUserAsync("Adm", admin: true);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await SeedAsync(user, [.. Enumerable.Range(0, 25).Select(i => (start.AddMinutes(i), i % 2 == 0 ? SignInOutcome.Succeeded : SignInOutcome.WrongPassword, (string?)$"203.0.113.{i}"))]);
        var history = (IServiceProvider s) => s.GetRequiredService<SignInHistory>();

        var first = await host.WithScopeAsync(s => history(s).ListAsync(user.Id, user.Id));
        var second = await host.WithScopeAsync(s => history(s).ListAsync(user.Id, user.Id, SignInCursor.After(first.Value!.Items[^1])));
        var byAdmin = await host.WithScopeAsync(s => history(s).ListAsync(admin.Id, user.Id));

        Assert.True(first.Succeeded && second.Succeeded && byAdmin.Succeeded);
        Assert.Equal(SignInHistory.PageSize, first.Value!.Items.Count);
        Assert.True(first.Value.HasMore);
        Assert.False(second.Value!.HasMore);
        var all = first.Value.Items.Concat(second.Value.Items).ToList();
        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"203.0.113.{i}"), all.Select(e => e.IpAddress));
        Assert.Equal(first.Value.Items.Select(e => e.Id), byAdmin.Value!.Items.Select(e => e.Id));
    }
}
