using Bunit;
using Hesh.Core.Data;
using Hesh.Core.DayOffs;
using Hesh.Core.Overview;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages;
using Hesh.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Overview;

/// <summary>The Overview's day-offs are the company's today, their times on the viewer's clock with the zone named.</summary>
public sealed class OverviewZoneTests : HeshComponentTest
{
    // 23:30 UTC on 10 January: 01:30 on the 11th in Kyiv (UTC+2), 05:00 on the 11th in Kolkata (UTC+5:30).
    private static readonly DateTime Now = new(2027, 1, 10, 23, 30, 0, DateTimeKind.Utc);

    public OverviewZoneTests()
    {
        Services.AddSingleton<TimeProvider>(new ManualClock(new DateTimeOffset(Now)));
        Services.AddSingleton<IOnlinePeople, OnlinePeople>();
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private async Task<IRenderedComponent<Home>> RenderAsync(string companyZone, string? ownerZone)
    {
        var (owner, people) = await SeedCompanyAsync("Olena", ("Away", "Now", false, null), ("Later", "Today", false, null), ("Done", "Yesterday", false, null));
        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<HeshDbContext>();
            await db.Companies.Where(c => c.Id == owner.CompanyId).ExecuteUpdateAsync(x => x.SetProperty(c => c.TimeZone, companyZone));
            await db.Users.Where(u => u.Id == owner.Id).ExecuteUpdateAsync(x => x.SetProperty(u => u.TimeZone, ownerZone));
            var dayOffs = s.GetRequiredService<DayOffService>();
            // Away now, back at 08:00 UTC on the 11th (10:00 Kyiv).
            await dayOffs.AddAsync(owner.Id, people[0].Id, new DateTime(2027, 1, 10, 20, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 11, 8, 0, 0, DateTimeKind.Utc), null);
            // Away from 12:00 UTC on the 11th (14:00 Kyiv) to the 12th: tomorrow in UTC, today in Kyiv.
            await dayOffs.AddAsync(owner.Id, people[1].Id, new DateTime(2027, 1, 11, 12, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 12, 12, 0, 0, DateTimeKind.Utc), null);
            // Over at 21:00 UTC on the 10th (23:00 Kyiv): today in UTC, yesterday in Kyiv.
            await dayOffs.AddAsync(owner.Id, people[2].Id, new DateTime(2027, 1, 10, 9, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 10, 21, 0, 0, DateTimeKind.Utc), null);
            return 0;
        });
        SignInAs(owner.Id);
        var page = Render<Home>();
        page.WaitForElement("[data-testid=overview-dayoffs]");
        return page;
    }

    [Fact]
    public async Task AKyivViewer_SeesKyivsTodaysDayOffs_OnKyivsClock_WithTheZoneNamed()
    {
        var page = await RenderAsync("Europe/Kyiv", null);

        var card = page.Find("[data-testid=overview-dayoffs]").TextContent;
        Assert.Contains("Away until 10:00 Kyiv (UTC+2)", card);
        Assert.Contains("Away from 14:00 Kyiv (UTC+2)", card);
        Assert.DoesNotContain("Done Yesterday", card);
        Assert.DoesNotContain("08:00", card);
    }

    [Fact]
    public async Task AKolkataViewerInAKyivCompany_SeesKyivsToday_OnTheirOwnClock_TheDateGivenWhenItIsNotTheirToday()
    {
        var page = await RenderAsync("Europe/Kyiv", "Asia/Kolkata");

        var card = page.Find("[data-testid=overview-dayoffs]").TextContent;
        // 08:00 UTC on the 11th is 13:30 in Kolkata, where it is the 11th already: the time alone.
        Assert.Contains("Away until 13:30 Kolkata (UTC+5:30)", card);
        Assert.Contains("Away from 17:30 Kolkata (UTC+5:30)", card);
        Assert.DoesNotContain("Done Yesterday", card);
    }

    [Fact]
    public async Task ANewYorkViewer_ReadsAMomentOfAnotherDay_WithItsDate()
    {
        var page = await RenderAsync("Europe/Kyiv", "America/New_York");

        var card = page.Find("[data-testid=overview-dayoffs]").TextContent;
        // 18:30 on the 10th in New York; the end, 03:00 on the 11th there, is tomorrow for this viewer.
        Assert.Contains("Away until 2027-01-11 03:00 New York (UTC−5)", card);
    }
}
