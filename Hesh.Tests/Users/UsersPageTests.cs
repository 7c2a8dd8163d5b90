using Bunit;
using Hesh.Core.Companies;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Users;

public sealed class UsersPageTests : HeshComponentTest
{
    private async Task<(HeshUser Owner, HeshUser Member)> SeedAsync()
    {
        var (owner, people) = await SeedCompanyAsync("Gina", ("Mo", "Member", false, null));
        return (owner, people[0]);
    }

    [Fact]
    public async Task Admin_SeesTheCompanysUsers()
    {
        var (owner, _) = await SeedAsync();
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();

        var page = Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains("Mo Member", page.Markup));
        Assert.Contains("Gina Owner", page.Markup);
        Assert.NotNull(page.Find("[data-testid=add-user]"));
    }

    [Fact]
    public async Task TheCreatedDate_IsTheViewersDay_NotUtcs()
    {
        var (owner, member) = await SeedAsync();
        // 20:00 UTC on 10 January is 01:30 on the 11th in Kolkata.
        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<Hesh.Core.Data.HeshDbContext>();
            await db.Users.Where(u => u.Id == owner.Id).ExecuteUpdateAsync(x => x.SetProperty(u => u.TimeZone, "Asia/Kolkata"));
            return await db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(x => x.SetProperty(u => u.CreatedAt, new DateTime(2027, 1, 10, 20, 0, 0, DateTimeKind.Utc)));
        });
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();

        var page = Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains("Mo Member", page.Markup));
        var created = page.FindAll("tbody tr").Single(r => r.TextContent.Contains("Mo Member")).QuerySelector("[data-testid=created]")!;
        Assert.Equal("2027-01-11", created.TextContent.Trim());
        Assert.Equal("2027-01-11 01:30 Kolkata (UTC+5:30)", created.GetAttribute("title"));
    }

    [Fact]
    public async Task NonAdmin_GetsTheNoAccessNotice_NotTheList()
    {
        var (_, member) = await SeedAsync();
        SignInAs(member.Id);
        Render<MudPopoverProvider>();

        var page = Render<UsersPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-access]")));
        Assert.DoesNotContain("Gina Owner", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=add-user]"));
    }

    [Fact]
    public async Task SelectionIsKeptAcrossSearches_AndTheToolbarSaysHowManySelectedAreNotShown()
    {
        var (owner, _) = await SeedAsync();
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.Contains("Mo Member", page.Markup));

        page.FindAll("tbody tr").Single(r => r.TextContent.Contains("Mo Member")).QuerySelector("input[type=checkbox]")!.Change(true);
        page.WaitForAssertion(() => Assert.Equal("1 selected", page.Find("[data-testid=selected-count]").TextContent.Trim()));

        page.Find("input[aria-label='Search users']").Input("Gina");

        page.WaitForAssertion(() => Assert.DoesNotContain("Mo Member", page.Find("tbody").TextContent), TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Equal("1 selected · 1 not shown here", page.Find("[data-testid=selected-count]").TextContent.Trim()));
    }

    [Fact]
    public async Task TheSearchLivesInTheAddress_SoAFilteredListCanBeReturnedTo()
    {
        var (owner, _) = await SeedAsync();
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("users?q=Gina");

        var page = Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains("Gina Owner", page.Find("tbody").TextContent));
        Assert.DoesNotContain("Mo Member", page.Find("tbody").TextContent);
        Assert.Equal("Gina", page.Find("input[aria-label='Search users']").GetAttribute("value"));

        page.Find("input[aria-label='Search users']").Input("Mo");

        page.WaitForAssertion(() => Assert.EndsWith("users?q=Mo", navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Contains("Mo Member", page.Find("tbody").TextContent));
    }
}

public sealed class UsersPageLastSignInTests : HeshComponentTest
{
    /// <summary>Gina (owner) signed in a day ago, Mo an hour ago, Lu never.</summary>
    private async Task<HeshUser> SeedAsync()
    {
        var (owner, people) = await SeedCompanyAsync("Gina", ("Mo", "Member", false, null), ("Lu", "Later", false, null));
        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<Hesh.Core.Data.HeshDbContext>();
            await db.Users.Where(u => u.Id == owner.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, DateTime.UtcNow.AddDays(-1)));
            return await db.Users.Where(u => u.Id == people[0].Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, DateTime.UtcNow.AddHours(-1)));
        });
        return owner;
    }

    private static string[] Names(IRenderedComponent<UsersPage> page) =>
        page.FindAll("tbody tr").Select(r => r.QuerySelector("a")?.TextContent.Trim() ?? "").Where(n => n.Length > 0).ToArray();

    private IRenderedComponent<UsersPage> Open(string address)
    {
        Render<MudPopoverProvider>();
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(address);
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(Names(page)));
        return page;
    }

    [Fact]
    public async Task The_last_sign_in_column_shows_the_time_or_never()
    {
        SignInAs((await SeedAsync()).Id);

        var page = Open("users");

        var cells = page.FindAll("[data-testid=last-sign-in]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(3, cells.Count);
        Assert.Single(cells, "Never");
        Assert.Equal(2, cells.Count(c => System.Text.RegularExpressions.Regex.IsMatch(c, @"^\d{4}-\d\d-\d\d \d\d:\d\d$")));
    }

    [Fact]
    public async Task The_never_signed_in_filter_lives_in_the_address_and_lists_only_who_never_signed_in()
    {
        SignInAs((await SeedAsync()).Id);

        var page = Open("users?signin=never");

        Assert.Equal(["Lu Later"], Names(page));
    }

    [Theory]
    [InlineData("users?sort=-last-sign-in", new[] { "Mo Member", "Gina Owner", "Lu Later" })]
    [InlineData("users?sort=last-sign-in", new[] { "Lu Later", "Gina Owner", "Mo Member" })]
    public async Task Sorting_by_last_sign_in_from_the_address_counts_never_as_longest_ago(string address, string[] expected)
    {
        SignInAs((await SeedAsync()).Id);

        Assert.Equal(expected, Names(Open(address)));
    }

    [Fact]
    public async Task Clicking_the_last_sign_in_header_sorts_on_the_server_and_keeps_the_sort_in_the_address()
    {
        SignInAs((await SeedAsync()).Id);
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var page = Open("users");
        Assert.Equal(["Lu Later", "Mo Member", "Gina Owner"], Names(page));   // by last name

        await page.FindAll("th").Single(h => h.TextContent.Contains("Last sign-in")).QuerySelector(".sortable-column-header")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.EndsWith("users?sort=last-sign-in", navigation.Uri, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal(["Lu Later", "Gina Owner", "Mo Member"], Names(page)));
    }
}
