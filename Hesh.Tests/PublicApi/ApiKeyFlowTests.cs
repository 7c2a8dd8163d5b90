using System.Net;
using Hesh.Tests.E2E;
using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.PublicApi;

/// <summary>In the browser: the owner creates a key, sees its secret once, the key works; revoked, it stops working.</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class ApiKeyFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task The_owner_creates_a_key_copies_its_secret_once_and_revoking_it_stops_the_api_at_once()
    {
        var company = await host.CreateCompanyAsync();
        await using var context = await browser.NewContextAsync(host);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = host.BaseAddress.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.GotoAsync("company");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("api-keys").GetByTestId("empty-state")).ToContainTextAsync("No API keys yet");
        await page.GetByTestId("api-keys").ScrollIntoViewIfNeededAsync();
        await page.Screenshot("api-keys-empty");

        await page.GetByTestId("api-key-create").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("ERP sync");
        await dialog.GetByLabel("users:write — create, change, activate and deactivate people").CheckAsync();
        await page.ChooseAsync(page.GetByTestId("api-key-expiry"), "In 30 days");
        await page.Screenshot("api-key-create-dialog");
        await dialog.GetByTestId("api-key-submit").ClickAsync();

        var secretBox = dialog.GetByTestId("api-key-secret");
        await Expect(secretBox).ToContainTextAsync("hesh_");
        var secret = (await secretBox.TextContentAsync())!.Trim();
        await dialog.GetByTestId("api-key-copy").ClickAsync();
        await Expect(dialog.GetByTestId("api-key-copy")).ToHaveTextAsync("Copied");
        Assert.Equal(secret, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await page.Screenshot("api-key-secret");
        using var api = host.ApiClient(secret, company.Id);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(ApiKit.Users)).StatusCode);

        await dialog.GetByTestId("api-key-done").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var row = page.GetByTestId("api-key-list").GetByRole(AriaRole.Row).Filter(new() { HasText = "ERP sync" });
        await Expect(row).ToContainTextAsync("users:write");
        await Expect(row.GetByTestId("api-key-state")).ToHaveTextAsync("Active");
        Assert.DoesNotContain(secret, await page.ContentAsync());

        await page.SetViewportSizeAsync(390, 844);
        await page.GetByTestId("api-keys").ScrollIntoViewIfNeededAsync();
        await page.Screenshot("api-keys-phone");
        await row.GetByTestId("api-key-revoke").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Revoke ERP sync?");
        await page.GetByTestId("confirm").ClickAsync();

        await Expect(row.GetByTestId("api-key-state")).ToHaveTextAsync("Revoked by Olga Owner");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(ApiKit.Users)).StatusCode);
    }

    [Fact]
    public async Task The_api_reference_page_renders_the_document_under_the_strict_content_policy()
    {
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await page.SetViewportSizeAsync(1400, 900);

        await page.GotoAsync("api/docs/");

        await Expect(page.GetByText("Create users in batch").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.Screenshot("api-docs");
        Assert.Empty(violations);
    }
}
