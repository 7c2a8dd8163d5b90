using Bunit;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Grants;

/// <summary>The Permissions tab's rows with temporary access: the countdown chip, Extend and End now, "Grant until…", the source.</summary>
public sealed class TemporaryAccessSectionTests : HeshComponentTest
{
    private static readonly DateTime Now = new(2026, 12, 1, 15, 46, 0, DateTimeKind.Utc);

    public TemporaryAccessSectionTests() => Services.AddSingleton<TimeProvider>(new ManualClock(new DateTimeOffset(Now)));

    private static PlatformSheet Sheet(GrantWhy? analyticsWhy, bool analyticsOn)
    {
        var toggles = PermissionCatalog.All.Select(p => new PermissionToggle(p,
            p.Key == PermissionKey.Analytics ? analyticsOn : p.IsAlwaysOn(Platform.Web),
            p.IsAlwaysOn(Platform.Web) ? Refusal.AlwaysOn : null,
            p.Key == PermissionKey.Analytics ? analyticsWhy : p.IsAlwaysOn(Platform.Web) ? new GrantWhy(GrantSources.Default) : null)).ToList();
        return new PlatformSheet(Platform.Web, toggles, TaskScope.NoAccess, null, Enum.GetValues<TaskScope>().ToList());
    }

    private IRenderedComponent<AccessSection> RenderSection(PlatformSheet sheet, List<object> events, DateTime? now = null)
    {
        Render<MudPopoverProvider>();
        return Render<AccessSection>(p => p
            .Add(s => s.Sheet, sheet)
            .Add(s => s.Now, now ?? Now)
            .Add(s => s.OnGrantUntil, (GrantUntil g) => events.Add(g))
            .Add(s => s.OnTemporary, (TemporaryChange c) => events.Add(c)));
    }

    [Fact]
    public void TemporarySwitch_ShowsItsEndAndTimeLeft_AndItsSourceForScreenReaders()
    {
        var why = new GrantWhy("temporary until 18:00 UTC — granted by Olga Owner on 1 Dec", GrantSource.Toggle, Now.Date.AddHours(18));
        var section = RenderSection(Sheet(why, true), []);

        Assert.Equal("until 18:00 UTC (2 h 14 min)", section.Find("[data-testid=Web-Analytics-until]").TextContent.Trim());
        var input = section.Find("input[data-testid=Web-Analytics]");
        Assert.Equal("Web-Analytics-why", input.GetAttribute("aria-describedby"));
        Assert.Equal($"Source: {why.Text}", section.Find("#Web-Analytics-why").TextContent.Trim());
    }

    [Fact]
    public void Countdown_FollowsTheTabsClock()
    {
        var why = new GrantWhy("temporary", GrantSource.Toggle, Now.Date.AddHours(18));
        var section = RenderSection(Sheet(why, true), []);

        section.Render(p => p.Add(s => s.Now, Now.AddMinutes(120)));

        Assert.Equal("until 18:00 UTC (14 min)", section.Find("[data-testid=Web-Analytics-until]").TextContent.Trim());
    }

    [Fact]
    public void ExtendAndEndNow_AreOneClickEach()
    {
        var end = Now.Date.AddHours(18);
        var events = new List<object>();
        var section = RenderSection(Sheet(new GrantWhy("temporary", GrantSource.Toggle, end), true), events);

        section.Find("[data-testid=Web-Analytics-extend]").Click();
        section.Find("[data-testid=Web-Analytics-end-now]").Click();

        Assert.Equal([new TemporaryChange(PermissionKey.Analytics, end.AddHours(1)), new TemporaryChange(PermissionKey.Analytics, null)], events);
    }

    [Fact]
    public void GrantUntilMenu_OffersThePresets_AndOneHourGrantsUntilAnHourFromNow()
    {
        var events = new List<object>();
        var section = RenderSection(Sheet(null, false), events);
        Assert.Empty(section.FindAll("[data-testid=grant-until-menu]"));

        section.Find("[data-testid=Web-Analytics-grant-until]").Click();

        var menu = section.Find("[data-testid=grant-until-menu]");
        Assert.Contains("UTC", menu.TextContent);
        Assert.Equal(4, section.FindAll("[data-testid^=until-][data-testid$=Hour], [data-testid=until-EightHours], [data-testid=until-EndOfToday], [data-testid=until-OneWeek]").Count);
        section.Find("button[data-testid=until-OneHour]").Click();
        Assert.Equal([new GrantUntil(PermissionKey.Analytics, Now.AddHours(1))], events);
        Assert.Empty(section.FindAll("[data-testid=grant-until-menu]"));
    }

    [Fact]
    public void GrantUntilMenu_RefusesACustomEndInThePast_WithTheReason_AndGrantsNothing()
    {
        var events = new List<object>();
        var section = RenderSection(Sheet(null, false), events);
        section.Find("[data-testid=Web-Analytics-grant-until]").Click();

        section.Find("input[data-testid=until-custom]").Input(Now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm"));
        section.Find("button[data-testid=until-custom-apply]").Click();

        Assert.Contains(TemporaryGrantRules.EndInThePast.Message, section.Markup);
        Assert.Empty(events);
    }

    [Fact]
    public void PermanentSwitchThatIsOn_OffersNoGrantUntil_AndASwitchLockedForTheActorOffersNone()
    {
        var section = RenderSection(Sheet(new GrantWhy("granted by Olga Owner on 1 Dec", GrantSource.Toggle), true), []);
        Assert.Empty(section.FindAll("[data-testid=Web-Analytics-grant-until]"));
        Assert.Empty(section.FindAll("[data-testid=Web-ProductsView-grant-until]"));
        Assert.NotEmpty(section.FindAll("[data-testid=Web-TasksView-grant-until]"));
    }

    [Fact]
    public void WithoutAClock_ThePositionTemplateSheetShowsNoneOfIt()
    {
        Render<MudPopoverProvider>();
        var section = Render<AccessSection>(p => p.Add(s => s.Sheet, Sheet(new GrantWhy("temporary", GrantSource.Toggle, Now.AddHours(1)), true)));
        Assert.Empty(section.FindAll("[data-testid$=-until], [data-testid$=-grant-until], .visually-hidden"));
    }
}
