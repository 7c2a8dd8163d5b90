using System.Text.RegularExpressions;
using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class FirstDayTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task SignUp_Invite_AcceptInvitation_NewUserSeesOwnSecurityTab()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ownerEmail = $"founder-{tag}@test.hesh";
        var inviteeEmail = $"worker-{tag}@test.hesh";

        await using var ownerContext = await browser.NewContextAsync(host);
        var owner = await ownerContext.NewPageAsync();
        await new SignUpPage(owner).SignUpAsync($"Forge {tag}", "Frida", "Founder", ownerEmail, "Opening-day-pass-1");
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        var confirmation = await Mailbox.WaitForAsync(host.PickupDirectory, ownerEmail);
        await owner.GotoAsync(Mailbox.LinkIn(confirmation, "/Account/SignUp/Confirm"));
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create company" }).ClickAsync();
        // Sign-up lands on the Overview, with the new owner's getting-started list.
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Expect(owner.GetByTestId("checklist")).ToBeVisibleAsync();
        await owner.WaitForCircuitAsync();
        await owner.GotoAsync("users");
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Users" })).ToBeVisibleAsync();
        await owner.WaitForCircuitAsync();
        await owner.Screenshot("01-users-after-signup");

        await Circuit.RetryAsync(
            () => owner.GetByTestId("add-user").ClickAsync(),
            async () => await owner.GetByRole(AriaRole.Dialog).IsVisibleAsync());
        var dialog = owner.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("invite-email").FillAsync(inviteeEmail);
        await dialog.GetByTestId("invite-first").FillAsync("Wanda");
        await dialog.GetByTestId("invite-last").FillAsync("Worker");
        await dialog.GetByTestId("invite-phone").FillAsync("+1 555 010 0400");
        await owner.Screenshot("02-add-user-dialog");
        await dialog.GetByTestId("invite-submit").ClickAsync();
        await Expect(owner.GetByText("Wanda Worker was added and invited.")).ToBeVisibleAsync();
        await Expect(owner.GetByRole(AriaRole.Link, new() { Name = "Wanda Worker" })).ToBeVisibleAsync();
        await owner.Screenshot("03-users-with-pending");

        var invitation = await Mailbox.WaitForAsync(host.PickupDirectory, inviteeEmail);
        var link = Mailbox.LinkIn(invitation, "/Account/Invitation");

        await using var workerContext = await browser.NewContextAsync(host);
        var worker = await workerContext.NewPageAsync();
        await worker.GotoAsync(link);
        await worker.GetByLabel("Password", new() { Exact = true }).FillAsync("Night-shift-pass-1");
        await worker.GetByLabel("Confirm password").FillAsync("Night-shift-pass-1");
        await worker.Screenshot("04-invitation-page");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Activate my account" }).ClickAsync();
        await Expect(worker.GetByTestId("user-name")).ToHaveTextAsync("Wanda Worker");
        await worker.WaitForCircuitAsync();

        await worker.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(worker).ToHaveURLAsync(new Regex("/Account/Login"));
        await new SignInPage(worker).SignInAsync(inviteeEmail, "Night-shift-pass-1");
        await Expect(worker.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await worker.WaitForCircuitAsync();
        await Expect(worker.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);

        await worker.GetByRole(AriaRole.Link, new() { Name = "My profile", Exact = true }).ClickAsync();
        await worker.WaitForCircuitAsync();
        await Circuit.RetryAsync(
            () => worker.GetByRole(AriaRole.Tab, new() { Name = "Security" }).ClickAsync(),
            async () => await worker.GetByTestId("change-own-password").IsVisibleAsync());
        await Expect(worker.GetByTestId("change-own-password")).ToBeVisibleAsync();
        await worker.Screenshot("05-own-security-tab");
    }
}

public static class ScreenshotExtensions
{
    /// <summary>Keeps a picture of each step under TestResults/screenshots for a human to look at.</summary>
    public static Task Screenshot(this IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
