using Bunit;
using Hesh.Core.Data;
using Hesh.Core.DayOffs;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Preferences;

/// <summary>Times are shown on the viewer's clock, with the zone named, and entered on the company's.</summary>
public sealed class ZoneDisplayTests : HeshComponentTest
{
    private async Task<(string OwnerId, UserDetails Person)> SeedAsync(string companyZone, string? ownerZone)
    {
        var (owner, people) = await SeedCompanyAsync("Oksana", ("Petro", "Performer", false, null));
        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<HeshDbContext>();
            await db.Companies.Where(c => c.Id == owner.CompanyId).ExecuteUpdateAsync(x => x.SetProperty(c => c.TimeZone, companyZone));
            await db.Users.Where(u => u.Id == owner.Id).ExecuteUpdateAsync(x => x.SetProperty(u => u.TimeZone, ownerZone));
            // Stored in UTC: 20:00Z on 10 January is 22:00 in Kyiv.
            await s.GetRequiredService<DayOffService>().AddAsync(owner.Id, people[0].Id,
                new DateTime(2027, 1, 10, 20, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 11, 20, 0, 0, DateTimeKind.Utc), "Trip");
            return 0;
        });
        var details = await WithDbAsync(s => s.GetRequiredService<UserQueries>().GetAsync(owner.Id, people[0].Id));
        SignInAs(owner.Id);
        return (owner.Id, details!);
    }

    private IRenderedComponent<DayOffsTab> RenderTab(UserDetails person)
    {
        Render<MudBlazor.MudPopoverProvider>();
        var tab = Render<DayOffsTab>(p => p.Add(t => t.User, person));
        tab.WaitForElement("[data-testid=dayoff-from]");
        return tab;
    }

    [Fact]
    public async Task ADayOffStoredInUtc_IsShownOnAKyivViewersClock_WithTheZoneNamed_AndEnteredInTheCompanyZone()
    {
        var (_, person) = await SeedAsync("Europe/Kyiv", null);

        var tab = RenderTab(person);

        Assert.Equal("2027-01-10 22:00", tab.Find("[data-testid=dayoff-from]").TextContent.Trim());
        Assert.Contains("From (Europe/Kyiv)", tab.Find("[data-testid=dayoffs-table] thead").TextContent);
        Assert.Contains("From (time, Europe/Kyiv)", tab.Markup);
        Assert.DoesNotContain("(UTC)", tab.Find("[data-testid=dayoffs-table] thead").TextContent);
    }

    [Fact]
    public async Task AViewersOwnZone_WinsOverTheCompanys()
    {
        var (_, person) = await SeedAsync("Europe/Kyiv", "America/New_York");

        var tab = RenderTab(person);

        Assert.Equal("2027-01-10 15:00", tab.Find("[data-testid=dayoff-from]").TextContent.Trim());
        Assert.Contains("From (America/New_York)", tab.Find("[data-testid=dayoffs-table] thead").TextContent);
        Assert.Contains("From (time, Europe/Kyiv)", tab.Markup);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("long")]
    public async Task AGarbageStoredZone_ShowsUtc_NamedAsUtc_AndNoError(string zone)
    {
        var garbage = zone == "long" ? new string('Z', 10_000) : zone;
        var (_, person) = await SeedAsync(garbage, garbage);

        var tab = RenderTab(person);

        Assert.Equal("2027-01-10 20:00", tab.Find("[data-testid=dayoff-from]").TextContent.Trim());
        Assert.Contains("From (UTC)", tab.Find("[data-testid=dayoffs-table] thead").TextContent);
        Assert.Contains("From (time, UTC)", tab.Markup);
    }
}
