using Hesh.Tests.Users.Passwords;
using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>The static pages' strength meter (wwwroot/js/password-meter.js) in a real browser, under the real CSP.</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class PasswordMeterTests(AppHost host, BrowserHost browser)
{
    private static ILocator Label(IPage page) => page.Locator("#password-meter-label");

    private static List<string> CspViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }

    [Fact]
    public async Task SignUpMeter_SaysTheLevelInWordsAsYouType_UnderTheStrictPolicy()
    {
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        var violations = CspViolations(page);
        await page.GotoAsync("Account/SignUp");
        var password = page.GetByLabel("Password", new() { Exact = true });

        await Expect(Label(page)).ToHaveAttributeAsync("aria-live", "polite");
        await password.FillAsync("short");
        await Expect(Label(page)).ToContainTextAsync("Too short");
        await password.FillAsync("Password1!");
        await Expect(Label(page)).ToContainTextAsync("Weak");
        await password.FillAsync("vy7-Kq2m");
        await Expect(Label(page)).ToContainTextAsync("Good");
        await password.FillAsync(PasswordRulesTests.Passphrase);
        await Expect(Label(page)).ToContainTextAsync("Strong");
        await Expect(page.Locator("#password-meter")).ToHaveAttributeAsync("data-level", "strong");

        Assert.Empty(violations);
    }

    [Fact]
    public async Task SignUpMeter_CallsAPasswordWithTheTypedNameWeak()
    {
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/SignUp");

        await page.GetByLabel("First name").FillAsync("Gideon");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("gideon cobalt harbor river");

        await Expect(Label(page)).ToContainTextAsync("Weak");
    }

    [Fact]
    public async Task Meter_KeepsWorking_AfterEnhancedNavigationFromSignIn()
    {
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");

        await page.GetByRole(AriaRole.Link, new() { Name = "Create a company account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your company" })).ToBeVisibleAsync();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(PasswordRulesTests.Passphrase);

        await Expect(Label(page)).ToContainTextAsync("Strong");
    }

    [Fact]
    public async Task SignUpPage_WithTheMeter_AtDesktopAndPhoneWidths()
    {
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        foreach (var (width, name) in new[] { (1400, "signup-meter-1400"), (390, "signup-meter-390") })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync("Account/SignUp");
            await page.Screenshot(name + "-empty");
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Password1!");
            await Expect(Label(page)).ToContainTextAsync("Weak");
            await page.Screenshot(name + "-weak");
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync("vy7-Kq2m");
            await Expect(Label(page)).ToContainTextAsync("Good");

            // Nothing wider than the screen: the meter and its label wrap inside the card.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{width}px scrolls sideways");
            await page.Screenshot(name);
        }
    }

    [Fact]
    public async Task PasswordDialog_Meter_ShowsTheRefusalWhileTyping_AtPhoneWidth()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Sven");
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.GotoAsync($"users/{user.Id}?tab=security");
        await page.WaitForCircuitAsync();

        await Circuit.RetryAsync(
            () => page.GetByTestId("change-password").ClickAsync(),
            async () => await page.GetByRole(AriaRole.Dialog).IsVisibleAsync());
        // Keys typed while the dialog is still wiring up its field can be lost: type again until the meter has heard them.
        try
        {
            await Circuit.RetryAsync(
                async () =>
                {
                    await page.GetByTestId("new-password").FillAsync("");
                    await page.GetByTestId("new-password").PressSequentiallyAsync("Qwerty123!");
                },
                async () => (await page.GetByTestId("password-strength-label").InnerTextAsync()).Contains("Weak", StringComparison.Ordinal),
                attempts: 5);
        }
        catch (TimeoutException)
        {
            // A slow server rather than lost keys: the expectation below waits longer.
        }

        await Expect(page.GetByTestId("password-strength-label")).ToContainTextAsync("Weak");
        await Expect(page.GetByTestId("password-strength-hint")).ToContainTextAsync("This password is one of the most common ones");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the dialog scrolls sideways");
        await page.Screenshot("password-dialog-390-weak");

        await page.GetByTestId("new-password").FillAsync(PasswordRulesTests.Passphrase);
        await Expect(page.GetByTestId("password-strength-label")).ToContainTextAsync("Strong");
        await page.Screenshot("password-dialog-390-strong");
    }
}
