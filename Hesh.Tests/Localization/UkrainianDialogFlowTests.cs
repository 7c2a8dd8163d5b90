using Hesh.Tests.E2E;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.Localization;

/// <summary>
/// Issue 16 §1 in chromium, a dialog end to end: in a company whose default language is Ukrainian, on an English
/// browser, the "Add user" dialog, its validation messages (Core's DataAnnotations texts), the snackbar after it
/// and the invitation email it sends all speak Ukrainian — nothing of the flow falls back to English.
/// </summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class UkrainianDialogFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task The_add_user_dialog_its_validation_its_snackbar_and_its_email_speak_the_company_language()
    {
        var company = await host.CreateCompanyAsync();
        await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DefaultLanguage, "uk")));
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();
        await page.GotoAsync("users");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "uk");

        await Circuit.RetryAsync(
            () => page.GetByTestId("add-user").ClickAsync(),
            async () => await page.GetByRole(AriaRole.Dialog).IsVisibleAsync());
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Додати користувача");
        await Expect(dialog.GetByTestId("invite-submit")).ToHaveTextAsync("Додати й запросити");

        // Sent empty: each required field says so in Ukrainian, and nobody is created.
        await dialog.GetByTestId("invite-submit").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Укажіть електронну пошту.");
        await Expect(dialog).ToContainTextAsync("Укажіть ім’я.");
        await dialog.GetByTestId("invite-email").FillAsync("not-an-email");
        await dialog.GetByTestId("invite-email").BlurAsync();
        await Expect(dialog).ToContainTextAsync("Введіть дійсну адресу електронної пошти, наприклад name@example.com.");
        await page.Screenshot("16-ukrainian-dialog-validation-1400");
        await page.SetViewportSizeAsync(390, 844);
        await page.Screenshot("16-ukrainian-dialog-validation-390");
        await page.SetViewportSizeAsync(1400, 900);
        Assert.Equal(1, await host.DbAsync(db => db.Users.CountAsync(u => u.CompanyId == company.Id)));

        var email = $"marta-{company.Tag}@test.hesh";
        await dialog.GetByTestId("invite-email").FillAsync(email);
        await dialog.GetByTestId("invite-first").FillAsync("Марта");
        await dialog.GetByTestId("invite-last").FillAsync("Коваль");
        await dialog.GetByTestId("invite-submit").ClickAsync();
        await Expect(page.GetByText("Користувача Марта Коваль додано й запрошено.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        var invitation = await Mailbox.WaitForAsync(host.PickupDirectory, email);
        Assert.Equal($"Вас запрошено до компанії «Workshop {company.Tag}» в Hesh", invitation.Subject);
    }
}
