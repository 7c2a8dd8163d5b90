using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>The user page as its viewers meet it: weighty actions tucked away and told once, dialogs ready to type in.</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class UserPagesFlowTests(AppHost host, BrowserHost browser)
{
    private static ILocator Snackbars(IPage page) => page.Locator(".mud-snackbar");

    private async Task<IPage> SignedInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(email, TestCompany.Password);
        await page.WaitForCircuitAsync();
        return page;
    }

    [Fact]
    public async Task After_a_transfer_the_former_owner_sees_exactly_one_message()
    {
        var company = await host.CreateCompanyAsync();
        var heir = await company.AddUserAsync("Hugo");
        await using var context = await browser.NewContextAsync(host);
        var page = await SignedInAsync(context, company.OwnerEmail);
        await page.SetViewportSizeAsync(1400, 900);
        await page.GotoAsync($"users/{heir.Id}");
        await page.WaitForCircuitAsync();

        await Circuit.RetryAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "More actions" }).ClickAsync(),
            async () => await page.GetByText("Transfer ownership…").IsVisibleAsync());
        await page.Screenshot("user-more-menu-1400");
        await page.GetByText("Transfer ownership…").ClickAsync();
        await page.GetByTestId("transfer-password").FillAsync(TestCompany.Password);
        await page.GetByTestId("transfer-confirm").ClickAsync();

        await Expect(page.GetByText("Hugo Tester is now the Company owner. You stay an administrator.")).ToBeVisibleAsync();
        // The page re-read after the live change: the transfer is no longer this person's to make.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "More actions" })).ToHaveCountAsync(0);
        // A later round trip through the same circuit: anything the live change would have said is on screen by now.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Security" }).ClickAsync();
        await Expect(page.GetByTestId("tab-security")).ToBeVisibleAsync();
        await page.Screenshot("transfer-one-message-1400");
        Assert.Equal(1, await Snackbars(page).CountAsync());
        Assert.DoesNotContain("Nothing was saved", await Snackbars(page).First.InnerTextAsync());
    }

    [Fact]
    public async Task Dialogs_open_with_the_first_field_focused_and_no_error_shown()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await using var context = await browser.NewContextAsync(host);
        var page = await SignedInAsync(context, company.OwnerEmail);

        await page.GotoAsync("users");
        await page.WaitForCircuitAsync();
        await OpensCleanAsync(page, () => page.GetByTestId("add-user").ClickAsync(), "invite-email", "add-user-dialog");

        await page.GotoAsync($"users/{anna.Id}");
        await page.WaitForCircuitAsync();
        await OpensCleanAsync(page, () => page.GetByTestId("edit-user").ClickAsync(), "edit-first", "edit-dialog");

        await page.GotoAsync($"users/{anna.Id}?tab=security");
        await page.WaitForCircuitAsync();
        await OpensCleanAsync(page, () => page.GetByTestId("change-password").ClickAsync(), "new-password", "set-password-dialog");

        await page.GotoAsync($"users/{anna.Id}");
        await page.WaitForCircuitAsync();
        await OpensCleanAsync(page, async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "More actions" }).ClickAsync();
            await page.GetByText("Transfer ownership…").ClickAsync();
        }, "transfer-password", "transfer-dialog");
    }

    private static async Task OpensCleanAsync(IPage page, Func<Task> open, string firstField, string screenshot)
    {
        var field = page.Locator($"input[data-testid={firstField}]");
        await Circuit.RetryAsync(open, async () => await field.IsVisibleAsync());
        var focused = await page.WaitForFunctionAsync($"() => document.activeElement?.getAttribute('data-testid') === '{firstField}' || null",
            null, new() { Timeout = 5000 }).ContinueWith(t => t.IsCompletedSuccessfully);
        Assert.True(focused, $"{firstField} is focused; instead: {await page.EvaluateAsync<string>("() => (document.activeElement?.outerHTML ?? 'nothing').slice(0, 300)")}");
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Expect(dialog.GetByTestId("dialog-error")).ToHaveCountAsync(0);
        await page.Screenshot(screenshot);
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(390, 844)]
    public async Task General_and_security_tabs_as_owner_and_as_admin(int width, int height)
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var adam = await company.AddUserAsync("Adam", admin: true);
        await using var context = await browser.NewContextAsync(host);
        foreach (var (viewer, who, target) in new[] { (company.OwnerEmail, "owner", anna.Id), (adam.Email!, "admin", company.OwnerId) })
        {
            var page = await SignedInAsync(context, viewer);
            await page.SetViewportSizeAsync(width, height);
            foreach (var tab in new[] { "general", "security" })
            {
                await page.GotoAsync($"users/{target}?tab={tab}");
                await page.WaitForCircuitAsync();
                await Expect(page.GetByTestId($"tab-{tab}")).ToBeVisibleAsync();
                await page.Screenshot($"user-{tab}-as-{who}-{width}");
            }
            if (who == "owner")
            {
                await Circuit.RetryAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "More actions" }).ClickAsync(),
                    async () => await page.GetByText("Transfer ownership…").IsVisibleAsync());
                await SettledAsync(page, ".mud-popover-open");
                await page.Screenshot($"user-more-menu-{width}");
                await page.Keyboard.PressAsync("Escape");

                await page.GotoAsync($"users/{target}?tab=permissions");
                await page.WaitForCircuitAsync();
                var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Make Anna Tester an administrator?" });
                await Circuit.RetryAsync(() => page.GetByTestId("admin-switch").ClickAsync(), async () => await confirm.IsVisibleAsync());
                await SettledAsync(page, ".mud-dialog");
                await page.Screenshot($"admin-confirm-{width}");
                await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
                await Expect(page.GetByTestId("admin-switch")).Not.ToBeCheckedAsync();
            }
            await page.CloseAsync();
        }
    }

    /// <summary>For a screenshot: the element has finished fading in.</summary>
    private static Task SettledAsync(IPage page, string selector) =>
        page.WaitForFunctionAsync($"() => [...document.querySelectorAll('{selector}')].some(e => getComputedStyle(e).opacity === '1')");
}
