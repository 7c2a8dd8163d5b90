using Hesh.Tests.E2E;
using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.Webhooks;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class WebhookFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task OwnerAddsAWebhook_SeesTheSecretOnce_AndAnInvitationShowsUpInTheDeliveryLog()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var company = await host.CreateCompanyAsync();
        await using var context = await browser.NewContextBypassingCspAsync(host);
        var page = await context.NewPageAsync();
        var axe = new AxeAudit(page);
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.GotoAsync("company");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("webhooks-empty")).ToBeVisibleAsync();

        await page.GetByTestId("webhook-add").ClickAsync();
        var url = receiver.NewUrl();
        await page.GetByLabel("Endpoint URL").FillAsync(url);
        await page.GetByLabel("Description (optional)").FillAsync("ERP sync");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Status changed" }).CheckAsync();
        await axe.CheckAsync("Add webhook dialog (filled)");
        await page.GetByTestId("webhook-save").ClickAsync();

        var secretField = page.GetByTestId("webhook-secret");
        await Expect(secretField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec_"));
        var secret = await secretField.InputValueAsync();
        receiver.Trust(url, secret);
        await axe.CheckAsync("Webhook secret dialog");
        await page.GetByTestId("webhook-secret-done").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("webhook-endpoint-url")).ToHaveTextAsync(url);
        Assert.DoesNotContain(secret, await page.ContentAsync());

        await host.InviteAsync(company, "Lina");
        var received = Assert.Single(await receiver.WaitAsync(url, r => r.Count >= 1));
        Assert.True(received.SignatureValid);

        await page.GetByTestId("webhook-log-toggle").ClickAsync();
        var row = page.GetByTestId("webhook-delivery");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Delivered");
        await Expect(row).ToContainTextAsync("200");
        await Expect(row).ToContainTextAsync("user.created");
        await Expect(page.GetByTestId("webhook-last-delivery")).ToContainTextAsync("delivered (200)");
        await axe.CheckAsync("Webhooks with delivery log");
        // Nothing pushes the page sideways at phone width: the log scrolls inside its own region.
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "The page is wider than a phone.");

        var failures = axe.Failures(new HashSet<(string, string)>());
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        Assert.DoesNotContain(secret, await page.ContentAsync());
    }
}
