using System.Text.RegularExpressions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>A new owner lands on the Overview and its checklist; the top bar names the company and person, on a phone too.</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class OverviewFlowTests(AppHost host, BrowserHost browser)
{
    /// <summary>A 48×48 PNG, stored as the company's logo directly (the upload has its own tests).</summary>
    private static readonly byte[] Logo = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAA7ElEQVR42t2ZyxHDIAxEt5JUmLrTBsnNM7H5GK3gJR4fQXrYQiuEyul5PR/L3rN3latnF00VaAFTzW8VKJWp4bQFlMTU9tgBsjN13Wlk0DKazxiND11AcwBlM40b19y0JJpvoAymuwYVN2GkuQZyMc0ZkddcfLoyjEYWI/tCg59W3lCIB5+M4WnZCnJtYFeykDGpWFKXvGk3ntxll4Kg1ChDLCNirCQBny4N/gKI9ctYQc3a9qzEyJIOlriyyg9WgcYqYVlFPusYxDooso7SrGYDqx3DalixWnq4pucvtYVZjXPW1QLr8mXv9dQbW/ucl5I5cy4AAAAASUVORK5CYII=");

    private static Task<bool> InsideViewportAsync(ILocator element) =>
        element.EvaluateAsync<bool>("e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && r.top >= 0; }");

    /// <summary>Resizes, and waits until the layout has followed (the drawer slides away on a phone).</summary>
    private static async Task AtWidthAsync(IPage page, int width, int height)
    {
        await page.SetViewportSizeAsync(width, height);
        await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth && "
            + "[...document.querySelectorAll('.mud-main-content')].every(m => Math.abs(m.getBoundingClientRect().left - (window.innerWidth < 960 ? 0 : m.getBoundingClientRect().left)) < 1)");
    }

    [Fact]
    public async Task SignUp_LandsOnTheOverview_WithTheGettingStartedChecklist_NothingTicked()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"starter-{tag}@test.hesh";
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);

        await new SignUpPage(page).SignUpAsync($"Acme Forge {tag}", "Stella", "Starter", email, "Opening-day-pass-1");
        await page.GotoAsync(Mailbox.LinkIn(await Mailbox.WaitForAsync(host.PickupDirectory, email), "/Account/SignUp/Confirm"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create company" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("checklist")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("checklist-progress")).ToContainTextAsync("0 of 5 done");
        await Expect(page.GetByTestId("topbar-company")).ToContainTextAsync($"Acme Forge {tag}");
        await page.WaitForCircuitAsync();
        await page.Screenshot("overview-owner-empty-1400");

        await AtWidthAsync(page, 390, 844);
        await Expect(page.GetByTestId("checklist")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "nothing is wider than the phone");
        await page.Screenshot("overview-owner-empty-390");
        var key = await host.DbAsync(db => db.Companies.Where(c => c.Name == $"Acme Forge {tag}").Select(c => c.KeyAbbreviation).SingleAsync());
        Assert.StartsWith("AF", key);
    }

    [Fact]
    public async Task OnAPhone_TheTopBarShowsTheCompanyWithItsLogo_AndThePerson_AllOnScreen()
    {
        var company = await host.CreateCompanyAsync($"Northwind Metal Fabrication {Guid.NewGuid().ToString("N")[..4]}");
        await host.DbAsync(async db =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id);
            row.Logo = Logo;
            row.LogoContentType = "image/png";
            return await db.SaveChangesAsync();
        });
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();

        var brand = page.GetByTestId("topbar-company");
        await Expect(brand).ToBeVisibleAsync();
        await Expect(brand).ToContainTextAsync("Northwind");
        Assert.True(await InsideViewportAsync(brand));
        var logo = brand.Locator("img");
        await Expect(logo).ToBeVisibleAsync();
        Assert.True(await logo.EvaluateAsync<bool>("i => i.complete && i.naturalWidth === 48"), "the logo loaded from /company/logo");
        var person = page.GetByTestId("signed-in-as");
        Assert.True(await InsideViewportAsync(person));
        await Expect(person).ToHaveAccessibleNameAsync(new Regex("Olga Owner"));
        Assert.True(await InsideViewportAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })));
        await page.Locator("header.mud-appbar").ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "topbar-390.png") });
        await page.Screenshot("overview-owner-logo-390");

        await page.SetViewportSizeAsync(1400, 900);
        await Expect(person).ToContainTextAsync("Company owner");
        await page.Locator("header.mud-appbar").ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "topbar-1400.png") });

        // The logo's endpoint answers its own company's people only.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var answer = await anonymous.GetAsync("company/logo");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.NotEqual("image/png", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheDemoAdmin_SeesThePeopleSections_APerformer_OnlyTheirOwnWork()
    {
        await host.SeedDemoAsync();
        await using var adminContext = await browser.NewContextAsync(host);
        var admin = await adminContext.NewPageAsync();
        await admin.SetViewportSizeAsync(1400, 900);
        await new SignInPage(admin).SignInAsync("admin@demo.hesh", Hesh.Core.Demo.DemoData.Password);
        await Expect(admin.GetByTestId("overview-invitations")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("overview-online")).ToContainTextAsync("(you)");
        await Expect(admin.GetByTestId("overview-productions")).ToBeVisibleAsync();
        await admin.WaitForCircuitAsync();
        await admin.Screenshot("overview-demo-admin-1400");
        await AtWidthAsync(admin, 390, 844);
        await admin.Screenshot("overview-demo-admin-390");

        await using var annaContext = await browser.NewContextAsync(host);
        var anna = await annaContext.NewPageAsync();
        await anna.SetViewportSizeAsync(1400, 900);
        await new SignInPage(anna).SignInAsync("anna@demo.hesh", Hesh.Core.Demo.DemoData.Password);
        await Expect(anna.GetByTestId("overview-mine")).ToBeVisibleAsync();
        await Expect(anna.GetByTestId("overview-invitations")).ToHaveCountAsync(0);
        await Expect(anna.GetByTestId("overview-permissions")).ToHaveCountAsync(0);
        await Expect(anna.GetByTestId("checklist")).ToHaveCountAsync(0);
        await anna.WaitForCircuitAsync();
        await anna.Screenshot("overview-demo-performer-1400");
        await AtWidthAsync(anna, 390, 844);
        await anna.Screenshot("overview-demo-performer-390");
    }

    [Fact]
    public async Task TheInvitationPage_SaysWhichCompanyAndWhichEmailItIsFor()
    {
        var company = await host.CreateCompanyAsync($"Riverside Joinery {Guid.NewGuid().ToString("N")[..4]}");
        var invited = await company.AddUserAsync("Ivy", UserStatus.Pending);
        var token = await host.IssueInvitationAsync(invited.Id);
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);

        await page.GotoAsync($"Account/Invitation?userId={invited.Id}&token={Uri.EscapeDataString(token)}");

        var greeting = page.GetByTestId("invitation-for");
        await Expect(greeting).ToContainTextAsync("Riverside Joinery");
        await Expect(greeting).ToContainTextAsync(invited.Email!);
        await page.Screenshot("invitation-1400");
        await AtWidthAsync(page, 390, 844);
        await page.Screenshot("invitation-390");

        // A wrong token learns nothing about the account.
        await page.GotoAsync($"Account/Invitation?userId={invited.Id}&token=wrong");
        await Expect(page.GetByTestId("invitation-for")).ToHaveCountAsync(0);
        Assert.DoesNotContain(invited.Email!, await page.ContentAsync());
    }

    [Fact]
    public async Task OnAPhone_ASnackbar_SitsAtTheBottom_ClearOfThePagesButtons()
    {
        var company = await host.CreateCompanyAsync();
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();
        await page.GotoAsync("company");
        await page.WaitForCircuitAsync();

        var save = page.GetByTestId("company-save");
        await Circuit.RetryAsync(() => save.ClickAsync(), async () => await page.Locator(".mud-snackbar").CountAsync() > 0);

        var snackbar = page.Locator(".mud-snackbar").First;
        await Expect(snackbar).ToBeVisibleAsync();
        var box = (await snackbar.BoundingBoxAsync())!;
        var button = (await save.BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height > 844 - 120, $"the snackbar sits at the bottom (top {box.Y})");
        Assert.True(box.Y >= button.Y + button.Height || box.Y + box.Height <= button.Y, "it does not cover the Save button");
        await page.Screenshot("snackbar-390");

        await page.SetViewportSizeAsync(1400, 900);
        await Circuit.RetryAsync(() => save.ClickAsync(), async () => await page.Locator(".mud-snackbar").CountAsync() > 0);
        var wide = (await page.Locator(".mud-snackbar").First.BoundingBoxAsync())!;
        Assert.True(wide.X > 700 && wide.Y > 900 - 160, $"bottom right on a wide screen ({wide.X}, {wide.Y})");
        await page.Screenshot("snackbar-1400");
    }
}
