using Bunit;
using Hesh.Core.Companies;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Web.Components;

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
