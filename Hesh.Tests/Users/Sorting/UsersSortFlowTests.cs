using Hesh.Core.Users;
using Hesh.Tests.E2E;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.Users.Sorting;

/// <summary>Sorting the Users list in the browser: from the keyboard, kept in the address, restored by a reload; at 1400 and 390 px.</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class UsersSortFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task A_header_sorts_from_the_keyboard_the_address_keeps_it_and_a_reload_restores_it()
    {
        var company = await host.CreateCompanyAsync();
        var people = new[] { ("Ira", "Hale", 3, UserStatus.Active), ("Petro", "Koval", 1, UserStatus.Inactive), ("Daria", "Moroz", 5, UserStatus.Pending), ("Yurii", "Bondar", 4, UserStatus.Active) };
        foreach (var (first, last, day, status) in people)
        {
            var user = await company.AddUserAsync(first, status);
            await host.DbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.LastName, last).SetProperty(x => x.CreatedAt, new DateTime(2026, 1, day, 9, 0, 0, DateTimeKind.Utc))));
        }
        await host.DbAsync(db => db.Users.Where(u => u.Id == company.OwnerId).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.CreatedAt, new DateTime(2026, 1, 2, 9, 0, 0, DateTimeKind.Utc))));

        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.GotoAsync("users");
        await page.WaitForCircuitAsync();
        var names = page.GetByTestId("users-grid").Locator("tbody tr a");
        await Expect(names).ToHaveTextAsync(["Yurii Bondar", "Ira Hale", "Petro Koval", "Daria Moroz", "Olga Owner"]);

        var created = page.Locator("th", new() { HasText = "Created" });
        await created.GetByRole(AriaRole.Button, new() { Name = "Sort" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"users\?sort=created$"));
        await Expect(names).ToHaveTextAsync(["Petro Koval", "Olga Owner", "Ira Hale", "Yurii Bondar", "Daria Moroz"]);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"users\?sort=-created$"));
        await Expect(created).ToHaveAttributeAsync("aria-sort", "descending");

        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Expect(names).ToHaveTextAsync(["Daria Moroz", "Yurii Bondar", "Ira Hale", "Olga Owner", "Petro Koval"]);
        await Expect(page.Locator("th", new() { HasText = "Created" })).ToHaveAttributeAsync("aria-sort", "descending");
        await page.Screenshot("sort-users-created-desc-1400");

        await page.GotoAsync("users?sort=status");
        await page.WaitForCircuitAsync();
        await Expect(names).ToHaveTextAsync(["Daria Moroz", "Yurii Bondar", "Ira Hale", "Olga Owner", "Petro Koval"]);
        await page.Screenshot("sort-users-status-1400");

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("users?sort=-created");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("users-grid").Locator("a[href^='users/']").First).ToHaveTextAsync("Daria Moroz");
        await page.GetByTestId("sort-direction").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"users\?sort=created$"));
        await Expect(page.GetByTestId("users-grid").Locator("a[href^='users/']").First).ToHaveTextAsync("Petro Koval");
        await page.Screenshot("sort-users-created-390");
    }
}
