using Hesh.Core.Common;
using Hesh.Core.TwoFactor;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.TwoFactor;
using Hesh.Tests.Security;
using Microsoft.Playwright;

namespace Hesh.Tests.E2E;

/// <summary>
/// axe-core (WCAG 2.1 A/AA and best-practice rules, see <see cref="Axe"/>) on the sign-in and two-factor screens: no serious or critical
/// violation, at desktop and phone width.
/// </summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class AccessibilityTests(AppHost host, BrowserHost browser)
{
    private static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        foreach (var width in new[] { 1400, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            var failing = (await Axe.RunAsync(page)).Where(v => v.IsSeriousOrCritical).ToList();
            Assert.True(failing.Count == 0, Axe.Describe($"{what} at {width} px", failing));
        }
    }

    [Fact]
    public async Task TheSignInAndTwoFactorPages_HaveNoSeriousAxeViolation()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Ada", admin: true);
        await using var context = await browser.NewContextBypassingCspAsync(host);
        var page = await context.NewPageAsync();

        await page.GotoAsync("Account/Login");
        await AssertNoSeriousViolationsAsync(page, "Sign in");

        await new SignInPage(page).SignInAsync(user.Email!, TestCompany.Password);
        await page.GotoAsync("Account/TwoFactor/Authenticator");
        await page.GetByTestId("authenticator-key").WaitForAsync();
        await AssertNoSeriousViolationsAsync(page, "Set up authenticator app");

        Assert.True((await host.Call<SecurityPolicyService, Result>(s => s.SetAsync(company.OwnerId, TwoFactorPolicy.RequiredForEveryone, 7))).Succeeded);
        await page.GotoAsync("Account/TwoFactor/Required");
        await AssertNoSeriousViolationsAsync(page, "Two-factor required");

        await page.GotoAsync("Account/TwoFactor/recovery-codes");
        await AssertNoSeriousViolationsAsync(page, "Confirm with password");

        var (key, _) = await host.EnableAuthenticatorAsync(user.Id);
        await context.ClearCookiesAsync();
        await new SignInPage(page).SignInAsync(user.Email!, TestCompany.Password);
        await page.GetByTestId("two-factor-code").WaitForAsync();
        await AssertNoSeriousViolationsAsync(page, "Authentication code");
        await page.GetByTestId("two-factor-code").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.WaitForCircuitAsync();

        await page.GotoAsync($"users/{user.Id}?tab=security");
        await page.WaitForCircuitAsync();
        await page.GetByTestId("authenticator-state").WaitForAsync();
        await page.GetByTestId("sign-in-history").WaitForAsync();
        await AssertNoSeriousViolationsAsync(page, "Security tab");

        await page.GotoAsync("company");
        await page.WaitForCircuitAsync();
        await page.GetByTestId("policy-coverage").WaitForAsync();
        await AssertNoSeriousViolationsAsync(page, "Company profile with the sign-in policy");
    }
}
