using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class ImportFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task Import_of_a_csv_with_one_bad_row_previews_imports_the_rest_reports_and_lists_them_pending()
    {
        var company = await host.CreateCompanyAsync();
        var existing = await company.AddUserAsync("Known");
        var (ada, alan) = ($"ada-{company.Tag}@test.hesh", $"alan-{company.Tag}@test.hesh");
        var csv = $"""
            Email,First name,Last name,Phone,External id,Department,Position
            {ada},Ada,Lovelace,+44 20 7946 0001,HR-1,,
            {existing.Email},Known,Tester,,,,
            not-an-email,Bad,Row,,,,
            {alan},Alan,Turing,,HR-2,,
            """;

        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.GotoAsync("users");
        await page.WaitForCircuitAsync();
        // At phone width the Users header keeps Export, Import users and Add user on screen, without scrolling sideways.
        await page.SetViewportSizeAsync(390, 844);
        await page.GetByTestId("import-users").WaitForAsync();
        await page.Screenshot("import-0-users-390");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the Users page scrolls sideways at 390 px");
        await page.SetViewportSizeAsync(1400, 900);
        await page.GetByTestId("import-users").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("import-choose").WaitForAsync();
        await page.Screenshot("import-1-choose");

        await dialog.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "workshop.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });

        await Expect(dialog.GetByTestId("count-add")).ToHaveTextAsync("2 to add");
        await Expect(dialog.GetByTestId("count-skip")).ToHaveTextAsync("1 skipped");
        await Expect(dialog.GetByTestId("count-error")).ToHaveTextAsync("1 with errors");
        // The errors open first, each named by row and cell.
        await Expect(dialog.GetByTestId("rows-error")).ToContainTextAsync("4");
        await Expect(dialog.GetByTestId("rows-error")).ToContainTextAsync("email: Enter a valid email address");
        await page.Screenshot("import-2-preview");
        await page.SetViewportSizeAsync(390, 844);
        await page.Screenshot("import-2-preview-390");
        await page.SetViewportSizeAsync(1400, 900);
        await dialog.GetByRole(AriaRole.Tab, new() { Name = "To add (2)" }).ClickAsync();
        await Expect(dialog.GetByTestId("rows-add")).ToContainTextAsync(ada);

        await dialog.GetByTestId("import-submit").ClickAsync();

        await Expect(dialog.GetByTestId("import-done")).ToContainTextAsync("2 users created as Pending and invited.");
        await Expect(dialog.GetByTestId("import-done")).ToContainTextAsync("1 skipped (already in Hesh).");
        await Expect(dialog.GetByTestId("import-done")).ToContainTextAsync("1 not imported because of errors.");
        await page.Screenshot("import-3-report");
        var download = await page.RunAndWaitForDownloadAsync(() => dialog.GetByTestId("import-report").ClickAsync());
        var report = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains($"2,{ada},Created,Invited,", report);
        Assert.Contains($"3,{existing.Email},Skipped,Already in Hesh (same email),{existing.Id}", report);
        Assert.Contains("4,not-an-email,Not imported,", report);

        await dialog.GetByTestId("import-close").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        foreach (var name in new[] { "Ada Lovelace", "Alan Turing" })
        {
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("Pending");
        }
        await page.Screenshot("import-4-list");
        var created = await host.DbAsync(db => db.Users.AsNoTracking().Where(u => u.CompanyId == company.Id && (u.Email == ada || u.Email == alan)).ToListAsync());
        Assert.Equal(2, created.Count);
        Assert.All(created, u => Assert.Equal(UserStatus.Pending, u.Status));
        await Mailbox.WaitForAsync(host.PickupDirectory, alan);

        // The export holds what the list shows: filtered to Pending, the two new people and not the others.
        await page.ChooseAsync(page.GetByTestId("status-filter"), "Pending");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Known Tester" })).ToHaveCountAsync(0);
        await page.GetByTestId("export-users").ClickAsync();
        var export = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var exported = await File.ReadAllTextAsync((await export.PathAsync())!);
        Assert.Contains(ada, exported);
        Assert.Contains(alan, exported);
        Assert.DoesNotContain(existing.Email!, exported);
        Assert.Matches(@"^users-\d{4}-\d{2}-\d{2}\.csv$", export.SuggestedFilename);
    }
}
