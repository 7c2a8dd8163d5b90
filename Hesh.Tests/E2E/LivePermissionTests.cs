using System.Text.RegularExpressions;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>An admin and a user signed in side by side: the user's open tab follows the admin's changes, no reload.</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class LivePermissionTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task AdminRemovesAPermission_TheUsersOpenPageIsReplacedByANotice_WithoutReload_ThenInactivationSignsThemOut()
    {
        var company = await host.CreateCompanyAsync();
        var boris = await company.AddUserAsync("Boris");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, boris.Id, Platform.Web, PermissionKey.CompanyProfile, true, 0));

        await using var userContext = await browser.NewContextAsync(host);
        var user = await userContext.NewPageAsync();
        await new SignInPage(user).SignInAsync(boris.Email!, TestCompany.Password);
        await user.WaitForCircuitAsync();
        await user.GetByRole(AriaRole.Link, new() { Name = "Company profile" }).ClickAsync();
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Company profile" })).ToBeVisibleAsync();
        await user.EvaluateAsync("() => window.__noReload = true");

        await using var adminContext = await browser.NewContextAsync(host);
        var admin = await adminContext.NewPageAsync();
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.WaitForCircuitAsync();
        await admin.GotoAsync($"users/{boris.Id}?tab=permissions");
        await admin.WaitForCircuitAsync();
        await admin.GetByTestId("access-Web").GetByRole(AriaRole.Switch, new() { Name = "Company profile", Exact = true }).ClickAsync();

        await Expect(user.GetByTestId("access-removed")).ToContainTextAsync("removed by Olga Owner");
        // The admin's receipt counts Boris's one open tab, which re-rendered with the change.
        await Expect(admin.GetByTestId("receipt")).ToContainTextAsync(new Regex(@"^Saved — Boris's open tab has it now\.$"));
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = "Company profile" })).ToHaveCountAsync(0);
        await Expect(user.GetByText("Olga Owner changed your access: Company profile (web access) switched off.")).ToBeVisibleAsync();
        Assert.True(await user.EvaluateAsync<bool>("() => window.__noReload === true"));
        await user.Screenshot("12-live-access-removed");

        await admin.GotoAsync($"users/{boris.Id}");
        await admin.WaitForCircuitAsync();
        await admin.Locator("button[data-testid=status-Inactivate]").ClickAsync();
        await admin.GetByTestId("confirm").ClickAsync();

        await Expect(user).ToHaveURLAsync(new Regex("/Account/Login"));
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Equal(UserStatus.Inactive, (await host.FindUserAsync(boris.Id))!.Status);
    }
}
