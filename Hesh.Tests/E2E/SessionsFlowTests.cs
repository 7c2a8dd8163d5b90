using System.Text.RegularExpressions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class SessionsFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task AdminSignsAUserOutEverywhere_FromTheSecurityTab_TheUsersOpenTabEndsAtOnce()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Sven");
        await using var userContext = await browser.NewContextAsync(host);
        var tab = await userContext.NewPageAsync();
        await new SignInPage(tab).SignInAsync(user.Email!, TestCompany.Password);
        await tab.WaitForCircuitAsync();

        await using var adminContext = await browser.NewContextAsync(host);
        var admin = await adminContext.NewPageAsync();
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.GotoAsync($"users/{user.Id}?tab=security");
        await admin.WaitForCircuitAsync();
        var sessions = admin.GetByTestId("session-row");
        await Expect(sessions).ToHaveCountAsync(1);
        await Expect(sessions.GetByTestId("session-device")).ToHaveTextAsync("Chrome (headless) on Linux");
        await admin.Screenshot("15-sessions");

        await admin.GetByTestId("sign-out-everywhere").ClickAsync();
        await admin.GetByTestId("confirm").ClickAsync();

        await Expect(admin.GetByText("Sven was signed out everywhere.")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("empty-state")).ToContainTextAsync("No active sessions");
        await Expect(tab).ToHaveURLAsync(new Regex("/Account/Login"));
    }

    [Fact]
    public async Task RequiringANewPassword_SendsTheUsersOpenTabToChangePassword_AndBackAfterwards()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Nina");
        await using var userContext = await browser.NewContextAsync(host);
        var tab = await userContext.NewPageAsync();
        await new SignInPage(tab).SignInAsync(user.Email!, TestCompany.Password);
        await tab.GotoAsync("my-tasks");
        await tab.WaitForCircuitAsync();

        var required = await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().RequirePasswordChangeAsync(company.OwnerId, user.Id, true));
        Assert.True(required.Succeeded, required.Error);

        await Expect(tab).ToHaveURLAsync(new Regex("/Account/ChangePassword\\?required=true"));
        await tab.GetByLabel("Current password").FillAsync(TestCompany.Password);
        await tab.GetByLabel("New password", new() { Exact = true }).FillAsync("Changed-pass-1");
        await tab.GetByLabel("Confirm password").FillAsync("Changed-pass-1");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Confirm password" }).ClickAsync();
        await Expect(tab).ToHaveURLAsync(new Regex("/my-tasks$"));
        Assert.False((await host.FindUserAsync(user.Id))!.MustChangePassword);
    }
}
