using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class ContentSecurityTests(AppHost host, BrowserHost browser)
{
    private static readonly string[] Pages = ["/", "/users", "/productions", "/products", "/tasks", "/my-tasks", "/analytics", "/company", "/departments", "/audit"];

    [Fact]
    public async Task EveryPage_RunsInteractive_UnderTheStrictPolicy_WithoutViolations()
    {
        var company = await host.CreateCompanyAsync();
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);

        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            // The circuit marker is rendered by interactive code: it proves blazor.web.js, MudBlazor and the import map loaded.
            await page.WaitForCircuitAsync();
        }

        Assert.Empty(violations);
    }

    [Fact]
    public async Task AnInjectedInlineScript_DoesNotRun()
    {
        var company = await host.CreateCompanyAsync();
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();

        // As markup slipped past encoding would: a script element written into the page.
        await page.EvaluateAsync("""
            () => { const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.appendChild(s); }
            """);

        Assert.False(await page.EvaluateAsync<bool>("() => window.__injected === true"));
        await Expect(page.Locator("#circuit-state[data-state=ready]")).ToHaveCountAsync(1);
    }
}
