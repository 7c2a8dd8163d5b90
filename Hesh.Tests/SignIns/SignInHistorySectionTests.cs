using Bunit;
using Hesh.Core.Data;
using Hesh.Core.SignIns;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.SignIns;

public sealed class SignInHistorySectionTests : HeshComponentTest
{
    private Task SeedAttemptsAsync(HeshUser user, int count, Func<int, SignInOutcome>? outcome = null) =>
        WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<HeshDbContext>();
            var start = DateTime.UtcNow.AddHours(-2);
            db.SignInAttempts.AddRange(Enumerable.Range(0, count).Select(i => new SignInAttempt
            {
                UserId = user.Id, CompanyId = user.CompanyId, At = start.AddMinutes(i), Outcome = outcome?.Invoke(i) ?? SignInOutcome.Succeeded,
                Method = SignInMethod.Password, IpAddress = $"203.0.113.{i}", Device = "Firefox on Linux",
            }));
            return await db.SaveChangesAsync();
        });

    private static UserDetails Self(HeshUser user) =>
        new(user.Id, user.Email!, user.FirstName, user.LastName, null, null, UserStatus.Active, user.IsAdmin, user.IsOwner, "User", null,
            DateTime.UtcNow, null, IsSelf: true, CanManage: user.IsAdmin);

    [Fact]
    public async Task Each_attempt_shows_its_time_outcome_in_words_method_address_and_device_newest_first()
    {
        var (owner, _) = await SeedCompanyAsync("Hana");
        await SeedAttemptsAsync(owner, 3, i => i switch { 0 => SignInOutcome.WrongPassword, 1 => SignInOutcome.Throttled, _ => SignInOutcome.Succeeded });
        SignInAs(owner.Id);

        var section = Render<SignInHistorySection>(p => p.Add(s => s.User, Self(owner)));

        section.WaitForAssertion(() => Assert.Equal(3, section.FindAll("[data-testid=sign-in-row]").Count));
        Assert.Equal(["Signed in", "Too many attempts from this address", "Wrong password"],
            section.FindAll("[data-testid=sign-in-outcome]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["203.0.113.2", "203.0.113.1", "203.0.113.0"], section.FindAll("[data-testid=sign-in-ip]").Select(c => c.TextContent.Trim()));
        Assert.All(section.FindAll("[data-testid=sign-in-device]"), d => Assert.Equal("Firefox on Linux", d.TextContent.Trim()));
        Assert.Empty(section.FindAll("[data-testid=sign-ins-more]"));
    }

    [Fact]
    public async Task No_attempts_yet_shows_an_empty_state()
    {
        var (owner, _) = await SeedCompanyAsync("Ines");
        SignInAs(owner.Id);

        var section = Render<SignInHistorySection>(p => p.Add(s => s.User, Self(owner)));

        section.WaitForAssertion(() => Assert.Contains("No sign-in attempts yet", section.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public async Task Show_more_appends_the_next_page_and_disappears_at_the_end()
    {
        var (owner, _) = await SeedCompanyAsync("Jona");
        await SeedAttemptsAsync(owner, SignInHistory.PageSize + 5);
        SignInAs(owner.Id);
        var section = Render<SignInHistorySection>(p => p.Add(s => s.User, Self(owner)));
        section.WaitForAssertion(() => Assert.Equal(SignInHistory.PageSize, section.FindAll("[data-testid=sign-in-row]").Count));

        await section.Find("[data-testid=sign-ins-more]").ClickAsync(new());

        section.WaitForAssertion(() => Assert.Equal(SignInHistory.PageSize + 5, section.FindAll("[data-testid=sign-in-row]").Count));
        Assert.Empty(section.FindAll("[data-testid=sign-ins-more]"));
        Assert.Equal(SignInHistory.PageSize + 5, section.FindAll("[data-testid=sign-in-ip]").Select(c => c.TextContent).Distinct().Count());
    }

    [Fact]
    public async Task A_non_admin_looking_at_someone_else_sees_no_history()
    {
        var (owner, people) = await SeedCompanyAsync("Kira", ("Lev", "Member", false, null));
        await SeedAttemptsAsync(owner, 2);
        SignInAs(people[0].Id);

        var section = Render<SignInHistorySection>(p => p.Add(s => s.User, Self(owner) with { IsSelf = false, CanManage = false }));

        section.WaitForAssertion(() => Assert.NotNull(section.Find("[data-testid=sign-ins-error]")));
        Assert.Empty(section.FindAll("[data-testid=sign-in-row]"));
    }
}
