using System.Text.RegularExpressions;
using Hesh.Core.TwoFactor;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class TwoFactorFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task SetUpTheAuthenticator_ThenSignInWithACode_AndWithARecoveryCode()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Tomas");
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(user.Email!, TestCompany.Password);
        await page.GotoAsync($"users/{user.Id}?tab=security");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("two-factor-summary")).ToContainTextAsync("password alone");
        await page.Screenshot("40-security-tab-two-factor-off");

        await page.GetByTestId("set-up-authenticator").ClickAsync();
        await Expect(page.GetByTestId("authenticator-qr").Locator("svg")).ToBeVisibleAsync();
        var key = await page.GetByTestId("authenticator-key").InnerTextAsync();
        await page.Screenshot("41-set-up-authenticator");
        await page.SetViewportSizeAsync(390, 844);
        await page.Screenshot("41-set-up-authenticator-phone");
        // The code of the previous step: the one of the current step is kept for the sign-in below (a used code is dead).
        await page.GetByLabel("Code from the app").FillAsync(Totp.Code(key, stepOffset: -1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify and turn on" }).ClickAsync();
        var codes = page.GetByTestId("recovery-code-item");
        await Expect(codes).ToHaveCountAsync(10);
        await Expect(page.GetByTestId("recovery-codes-download")).ToHaveAttributeAsync("download", "hesh-recovery-codes.txt");
        await page.Screenshot("42-recovery-codes-phone");
        await page.SetViewportSizeAsync(1280, 860);
        var recovery = await codes.First.InnerTextAsync();
        await page.GetByTestId("recovery-codes-done").ClickAsync();
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("authenticator-state")).ToContainTextAsync("On · 10 recovery codes left");
        await page.Screenshot("42b-security-tab-two-factor-on");

        // Signed out, the password alone is not enough: the code from the app is asked.
        await context.ClearCookiesAsync();
        await new SignInPage(page).SignInAsync(user.Email!, TestCompany.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        await page.Screenshot("43-authentication-code");
        await page.GetByTestId("two-factor-code").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.WaitForCircuitAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/"));

        await context.ClearCookiesAsync();
        await new SignInPage(page).SignInAsync(user.Email!, TestCompany.Password);
        await page.GetByTestId("use-recovery-code").ClickAsync();
        await page.GetByTestId("recovery-code").FillAsync(recovery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForCircuitAsync();
        await page.GotoAsync($"users/{user.Id}?tab=security");
        await Expect(page.GetByTestId("authenticator-state")).ToContainTextAsync("9 recovery codes left");
    }

    [Fact]
    public async Task AnAdminAfterTheGracePeriod_UnderRequiredForAdministrators_IsSentToSetUp_AndCanGoNowhereElse()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Alma", admin: true);
        await using var ownerContext = await browser.NewContextAsync(host);
        var owner = await ownerContext.NewPageAsync();
        await new SignInPage(owner).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await owner.GotoAsync("company");
        await owner.WaitForCircuitAsync();
        await owner.GetByText("Required for administrators").ClickAsync();
        await owner.GetByTestId("policy-save").ClickAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Require it" }).ClickAsync();
        await Expect(owner.GetByTestId("policy-coverage")).ToContainTextAsync("have not set up a second factor yet");
        await owner.Screenshot("44-company-sign-in-policy");
        // The grace period ran out.
        await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.TwoFactorRequiredSince, DateTime.UtcNow.AddDays(-8))));

        await using var adminContext = await browser.NewContextAsync(host);
        var page = await adminContext.NewPageAsync();
        await new SignInPage(page).SignInAsync(admin.Email!, TestCompany.Password);

        await Expect(page).ToHaveURLAsync(new Regex("/Account/TwoFactor/Required"));
        await Expect(page.GetByTestId("account-alert")).ToContainTextAsync("the time to set it up has ended");
        await Expect(page.GetByTestId("two-factor-later")).ToHaveCountAsync(0);
        await page.Screenshot("45-two-factor-required");
        await page.GotoAsync("users");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/TwoFactor/Required"));
        await page.GetByTestId("required-set-up-authenticator").ClickAsync();
        await Expect(page.GetByTestId("authenticator-key")).ToBeVisibleAsync();
    }
}
