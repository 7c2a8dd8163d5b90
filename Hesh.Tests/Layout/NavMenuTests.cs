using Bunit;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Layout;

public sealed class NavMenuTests : HeshComponentTest
{
    private IReadOnlyList<string> Active(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a.active").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task OnOnesOwnProfile_OnlyMyProfileIsActive_OnAnotherUsersPage_Users()
    {
        var (owner, people) = await SeedCompanyAsync("Nora", ("Mo", "Member", false, null));
        SignInAs(owner.Id);
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo($"users/{owner.Id}");
        var menu = Render<NavMenu>();
        menu.WaitForAssertion(() => Assert.Equal(["My profile"], Active(menu)));

        navigation.NavigateTo($"users/{people[0].Id}");
        menu.WaitForAssertion(() => Assert.Equal(["Users"], Active(menu)));
    }
}
