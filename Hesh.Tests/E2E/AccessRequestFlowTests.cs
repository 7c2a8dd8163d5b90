using System.Text.RegularExpressions;
using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>
/// Issue 15 §2 end to end, two browsers side by side: Anna asks on the "You don't have access" notice, the owner answers
/// from the bell (or the Overview), and Anna's open tab follows the answer without a reload.
/// </summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class AccessRequestFlowTests(AppHost host, BrowserHost browser)
{
    private async Task<IPage> SignedInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await new SignInPage(page).SignInAsync(email, TestCompany.Password);
        await page.WaitForCircuitAsync();
        return page;
    }

    /// <summary>The viewport only, where a full-page picture of a phone would be too tall to read.</summary>
    private static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForCircuitAsync();
    }

    [Fact]
    public async Task AnnaRequestsAnalytics_TheOwnerApprovesFromTheBell_AndAnnasNoticeTurnsIntoAnalytics_WithoutReload()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await using var annaContext = await browser.NewContextAsync(host);
        var annaPage = await SignedInAsync(annaContext, anna.Email!);
        await OpenAsync(annaPage, "analytics");
        await Expect(annaPage.GetByRole(AriaRole.Heading, new() { Name = "You don't have access to this page" })).ToBeVisibleAsync();
        await annaPage.EvaluateAsync("() => window.__noReload = true");

        await annaPage.GetByTestId("request-open").ClickAsync();
        var dialog = annaPage.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Request Analytics");
        await dialog.GetByLabel("Why do you need it? (optional)").FillAsync("Monthly report for the board");
        await dialog.GetByText("1 day", new() { Exact = true }).ClickAsync();
        await annaPage.Screenshot("15-request-dialog-1400");
        await annaPage.SetViewportSizeAsync(390, 844);
        await annaPage.Screenshot("15-request-dialog-390");
        await annaPage.SetViewportSizeAsync(1400, 900);
        await dialog.GetByTestId("request-send").ClickAsync();
        await Expect(annaPage.GetByTestId("request-waiting")).ToContainTextAsync("— waiting for an answer");

        await using var ownerContext = await browser.NewContextAsync(host);
        var owner = await SignedInAsync(ownerContext, company.OwnerEmail);
        var bell = owner.GetByRole(AriaRole.Button, new() { Name = "Access requests, 1 waiting" });
        await Expect(bell).ToBeVisibleAsync();
        await Expect(owner.GetByTestId("overview-requests")).ToContainTextAsync("Anna Tester asks for Analytics");
        await owner.Screenshot("15-overview-requests-card-1400");
        await bell.ClickAsync();
        var panel = owner.GetByTestId("requests-panel");
        await Expect(panel).ToContainTextAsync("Monthly report for the board");
        await Expect(panel).ToContainTextAsync("1 day");
        await owner.Screenshot("15-bell-open-1400");
        await owner.SetViewportSizeAsync(390, 844);
        await owner.ScreenshotAsync(new() { Path = ScreenshotPath("15-bell-open-390") });
        // The open panel fits a phone: nothing scrolls sideways.
        Assert.True(await owner.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390,
            await owner.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391).slice(0, 8).map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).join(' | ')"));
        await owner.SetViewportSizeAsync(1400, 900);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Approve Anna Tester: Analytics" }).ClickAsync();

        await Expect(annaPage.GetByRole(AriaRole.Heading, new() { Name = "Analytics", Exact = true })).ToBeVisibleAsync();
        await Expect(annaPage).ToHaveURLAsync(new Regex("/analytics$"));
        await Expect(annaPage.GetByTestId("no-access")).ToHaveCountAsync(0);
        Assert.True(await annaPage.EvaluateAsync<bool>("() => window.__noReload === true"));
        await Expect(owner.GetByRole(AriaRole.Button, new() { Name = "Access requests, 0 waiting" })).ToBeVisibleAsync();
        await annaPage.Screenshot("15-request-approved-analytics-open");
    }

    [Fact]
    public async Task TheOwnerDeclinesOnTheOverview_AndAnnaSeesTheReasonLive()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await using var annaContext = await browser.NewContextAsync(host);
        var annaPage = await SignedInAsync(annaContext, anna.Email!);
        await OpenAsync(annaPage, "company");
        await annaPage.EvaluateAsync("() => window.__noReload = true");
        await annaPage.GetByTestId("request-open").ClickAsync();
        await annaPage.GetByRole(AriaRole.Dialog).GetByTestId("request-send").ClickAsync();
        await Expect(annaPage.GetByTestId("request-waiting")).ToBeVisibleAsync();

        await using var ownerContext = await browser.NewContextAsync(host);
        var owner = await SignedInAsync(ownerContext, company.OwnerEmail);
        var card = owner.GetByTestId("overview-requests");
        await Expect(card).ToContainTextAsync("Anna Tester asks for Company profile");
        await card.GetByRole(AriaRole.Button, new() { Name = "Decline Anna Tester: Company profile" }).ClickAsync();
        await card.GetByLabel("Reason (optional)").FillAsync("not this week");
        await card.GetByTestId("decline-send").ClickAsync();

        await Expect(annaPage.GetByTestId("request-declined")).ToHaveTextAsync(new Regex(@"Declined by Olga Owner: not this week\."));
        await Expect(card.GetByTestId("overview-requests-empty")).ToBeVisibleAsync();
        Assert.True(await annaPage.EvaluateAsync<bool>("() => window.__noReload === true"));
        await annaPage.Screenshot("15-request-declined-live");
        await owner.Screenshot("15-overview-requests-empty");
    }
}
