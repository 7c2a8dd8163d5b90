using System.Text.RegularExpressions;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>
/// Passkeys in Debian's chromium with a virtual authenticator (Chrome DevTools Protocol, as a platform authenticator
/// with a fingerprint reader would answer: present, verified, resident credentials), on http://localhost because
/// WebAuthn refuses an IP address as relying party.
/// </summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class PasskeyFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task APasskeyAddedOnTheSecurityTab_SignsInWithoutAPassword_AndShowsWhenItWasLastUsed()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Kai");
        await using var context = await browser.NewLocalhostContextAsync(host);
        var page = await context.NewPageAsync();
        // The element is a module script of our own: it must run under the strict policy without a single complaint.
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"{page.Url}: {error}");
        await AddVirtualAuthenticatorAsync(page);

        await new SignInPage(page).SignInAsync(user.Email!, TestCompany.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await page.GotoAsync($"users/{user.Id}?tab=security");
        await page.WaitForCircuitAsync();
        var section = page.GetByTestId("passkeys");
        await Expect(section.GetByTestId("empty-state")).ToContainTextAsync("No passkeys yet");

        await section.GetByTestId("add-passkey").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/AddPasskey$"));
        await page.GetByLabel("Your password").FillAsync(TestCompany.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.ScreenshotAtAsync(390, "passkey-add");
        await page.ScreenshotAtAsync(1400, "passkey-add");
        await page.GetByTestId("create-passkey").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Name your passkey" })).ToBeVisibleAsync();
        var name = page.GetByLabel("Passkey name");
        await Expect(name).ToHaveValueAsync("Chrome (headless) on Linux");
        await page.Screenshot("passkey-name");
        await name.FillAsync("Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/users/{user.Id}\\?tab=security$"));
        await page.WaitForCircuitAsync();
        var row = page.GetByTestId("passkey-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("passkey-name")).ToHaveTextAsync("Work laptop");
        await Expect(row.GetByTestId("passkey-last-used")).ToHaveTextAsync("Never used");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        Assert.Equal(1, await host.DbAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id && s.EndedAt == null)));

        await page.GotoAsync($"users/{user.Id}?tab=security");
        await page.WaitForCircuitAsync();
        // "Last used" is read from the sign-in history, which records every attempt once it is in the build; until then no
        // sign-in of this user has a row at all (not even the password one above), and the passkey stays "Never used".
        var lastUsed = page.GetByTestId("passkey-last-used");
        if (await host.DbAsync(db => db.SignInAttempts.AnyAsync(a => a.UserId == user.Id)))
        {
            await Expect(lastUsed).ToHaveTextAsync(new Regex($"^{DateTime.UtcNow:yyyy-MM-dd} \\d\\d:\\d\\d$"));
        }
        else
        {
            await Expect(lastUsed).ToHaveTextAsync("Never used");
        }
        await page.ScreenshotAtAsync(1400, "passkeys-security");
        await page.ScreenshotAtAsync(390, "passkeys-security");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task APasskeySignInTheDeviceCannotAnswer_SaysSo_AndLeavesThePasswordFormReady()
    {
        await using var context = await browser.NewLocalhostContextAsync(host);
        var page = await context.NewPageAsync();
        // An authenticator holding no passkey for Hesh: the browser gives up as when the person dismisses its prompt.
        await AddVirtualAuthenticatorAsync(page);
        await page.GotoAsync("Account/Login");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await Expect(page.GetByTestId("account-alert"))
            .ToHaveTextAsync("Signing in with a passkey was cancelled or timed out. Try again, or sign in with your password.");
        await Expect(page.GetByLabel("Email")).ToBeEditableAsync();
        await page.Screenshot("passkey-sign-in-refused");
        await page.GotoAsync("Account/Login");
        await page.ScreenshotAtAsync(1400, "passkey-sign-in");
        await page.ScreenshotAtAsync(390, "passkey-sign-in");
    }

    private static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
    }
}

public static class Screenshots
{
    /// <summary>A screenshot at a width, reloaded there so the layout is what that screen gets (not one caught mid-resize).</summary>
    public static async Task ScreenshotAtAsync(this IPage page, int width, string name)
    {
        await page.SetViewportSizeAsync(width, 900);
        await page.ReloadAsync();
        if (await page.Locator("#circuit-state").CountAsync() > 0)
        {
            await page.WaitForCircuitAsync();
        }
        await page.Screenshot($"{name}-{width}");
    }
}
