using AngleSharp.Dom;
using Bunit;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Users.Sorting;

/// <summary>The Users list's column headers: a click sorts on the server and writes the sort to the address, which restores it.</summary>
public sealed class UsersPageSortingTests : HeshComponentTest
{
    /// <summary>Gina Owner (created 2 Jan, active), Mo Member (1 Jan, inactive), Lu Later (3 Jan, active).</summary>
    private async Task SeedAsync()
    {
        var (owner, people) = await SeedCompanyAsync("Gina", ("Mo", "Member", false, null), ("Lu", "Later", false, null));
        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<Hesh.Core.Data.HeshDbContext>();
            foreach (var (id, day, status) in new[] { (owner.Id, 2, UserStatus.Active), (people[0].Id, 1, UserStatus.Inactive), (people[1].Id, 3, UserStatus.Active) })
            {
                await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.CreatedAt, new DateTime(2026, 1, day, 8, 0, 0, DateTimeKind.Utc)).SetProperty(x => x.Status, status));
            }
            return 0;
        });
        SignInAs(owner.Id);
    }

    private static string[] Names(IRenderedComponent<UsersPage> page) =>
        page.FindAll("tbody tr").Select(r => r.QuerySelector("a")?.TextContent.Trim() ?? "").Where(n => n.Length > 0).ToArray();

    private static IElement Header(IRenderedComponent<UsersPage> page, string title) =>
        page.FindAll("th").Single(h => h.TextContent.Contains(title, StringComparison.Ordinal));

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<UsersPage> Open(string address)
    {
        Render<MudPopoverProvider>();
        Navigation.NavigateTo(address);
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.Equal(3, Names(page).Length));
        return page;
    }

    [Fact]
    public async Task By_default_the_list_is_by_name_and_the_name_header_says_so_to_a_screen_reader()
    {
        await SeedAsync();

        var page = Open("users");

        Assert.Equal(["Lu Later", "Mo Member", "Gina Owner"], Names(page));
        Assert.Equal("ascending", Header(page, "Name").GetAttribute("aria-sort"));
        Assert.Null(Header(page, "Created").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Clicking_a_header_sorts_by_it_and_writes_the_sort_to_the_address_and_a_second_click_turns_it_round()
    {
        await SeedAsync();
        var page = Open("users");

        await Header(page, "Created").QuerySelector(".sortable-column-header")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.EndsWith("users?sort=created", Navigation.Uri, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal(["Mo Member", "Gina Owner", "Lu Later"], Names(page)));
        Assert.Equal("ascending", Header(page, "Created").GetAttribute("aria-sort"));
        Assert.Null(Header(page, "Name").GetAttribute("aria-sort"));

        await Header(page, "Created").QuerySelector(".sortable-column-header")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.EndsWith("users?sort=-created", Navigation.Uri, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal(["Lu Later", "Gina Owner", "Mo Member"], Names(page)));
        Assert.Equal("descending", Header(page, "Created").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Every_sortable_header_has_a_button_a_keyboard_reaches()
    {
        await SeedAsync();
        var page = Open("users");

        foreach (var title in new[] { "Name", "Status", "Department", "Last sign-in", "Created" })
        {
            var button = Header(page, title).QuerySelector("button");
            Assert.NotNull(button);
            Assert.NotEqual("-1", button.GetAttribute("tabindex"));
        }
    }

    [Fact]
    public async Task A_shared_link_with_a_sort_restores_the_order_and_the_header_state()
    {
        await SeedAsync();

        var page = Open("users?sort=-status");

        Assert.Equal(["Mo Member", "Lu Later", "Gina Owner"], Names(page));
        Assert.Equal("descending", Header(page, "Status").GetAttribute("aria-sort"));
    }

    [Theory]
    [InlineData("users?sort=password-hash")]
    [InlineData("users?sort=1")]
    [InlineData("users?sort=%27%3B%20DROP%20TABLE%20users%3B--")]
    public async Task An_unknown_sort_in_the_address_shows_the_default_order(string address)
    {
        await SeedAsync();

        var page = Open(address);

        Assert.Equal(["Lu Later", "Mo Member", "Gina Owner"], Names(page));
        Assert.Equal("ascending", Header(page, "Name").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task On_a_phone_the_sort_by_choice_sorts_the_list_and_keeps_it_in_the_address()
    {
        await SeedAsync();
        var page = Open("users");

        await page.InvokeAsync(() => page.FindComponents<MudSelect<UserSortField>>().Single().Instance.ValueChanged.InvokeAsync(UserSortField.Created));

        page.WaitForAssertion(() => Assert.EndsWith("users?sort=created", Navigation.Uri, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal(["Mo Member", "Gina Owner", "Lu Later"], Names(page)));

        await page.Find("[data-testid=sort-direction]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.EndsWith("users?sort=-created", Navigation.Uri, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal(["Lu Later", "Gina Owner", "Mo Member"], Names(page)));
    }
}
