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
    private async Task<(HeshUser Owner, HeshUser Member)> SeedAsync() => await WithDbAsync(async s =>
    {
        var owner = (await s.GetRequiredService<SignUpService>().SignUpAsync(new SignUpInput
        {
            CompanyName = "Grid Co", FirstName = "Gina", LastName = "Grid", Email = "gina@test.hesh", Password = "Grid-pass-1", ConfirmPassword = "Grid-pass-1",
        })).Value!;
        var member = new HeshUser { UserName = "mo@test.hesh", Email = "mo@test.hesh", CompanyId = owner.CompanyId, FirstName = "Mo", LastName = "Member", Status = UserStatus.Active };
        await s.GetRequiredService<UserManager<HeshUser>>().CreateAsync(member, "Grid-pass-1");
        return (owner, member);
    });

    [Fact]
    public async Task Admin_SeesTheCompanysUsers()
    {
        var (owner, _) = await SeedAsync();
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();

        var page = Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains("Mo Member", page.Markup));
        Assert.Contains("Gina Grid", page.Markup);
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
        Assert.DoesNotContain("Gina Grid", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=add-user]"));
    }
}
