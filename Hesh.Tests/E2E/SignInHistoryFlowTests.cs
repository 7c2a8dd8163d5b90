using Hesh.Core.Positions;
using Hesh.Core.SignIns;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class SignInHistoryFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task A_failed_and_a_successful_sign_in_are_listed_on_the_Security_tab_and_the_Users_list_shows_the_last_sign_in()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Sasha");
        await company.AddUserAsync("Pia", Hesh.Core.Users.UserStatus.Pending);
        await host.WithScopeAsync(async s =>
        {
            var positions = s.GetRequiredService<PositionService>();
            Assert.True((await positions.AddDepartmentAsync(company.OwnerId, "Welding", null)).Succeeded);
            Assert.True((await positions.AddPositionAsync(company.OwnerId, "Welder")).Succeeded);
        });
        await SeedOlderAttemptsAsync(user);
        await using (var userContext = await browser.NewContextAsync(host))
        {
            var tab = await userContext.NewPageAsync();
            await new SignInPage(tab).SignInAsync(user.Email!, "Wrong-pass-1");
            await Expect(tab.GetByText("The email or password is not correct.")).ToBeVisibleAsync();
            await new SignInPage(tab).SignInAsync(user.Email!, TestCompany.Password);
            await tab.WaitForCircuitAsync();
        }

        await using var adminContext = await browser.NewContextAsync(host);
        var admin = await adminContext.NewPageAsync();
        await admin.SetViewportSizeAsync(1400, 900);
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.GotoAsync($"users/{user.Id}?tab=security");
        await admin.WaitForCircuitAsync();
        var rows = admin.GetByTestId("sign-in-row");
        await Expect(rows.Nth(0).GetByTestId("sign-in-outcome")).ToHaveTextAsync("Signed in");
        await Expect(rows.Nth(1).GetByTestId("sign-in-outcome")).ToHaveTextAsync("Wrong password");
        await Expect(rows.Nth(0).GetByTestId("sign-in-device")).ToHaveTextAsync("Chrome (headless) on Linux");
        await Expect(rows.Nth(0).GetByTestId("sign-in-ip")).ToHaveTextAsync("127.0.0.1");
        await admin.Screenshot("20-sign-in-history-1400");
        await OpenOnAPhoneAsync(admin, $"users/{user.Id}?tab=security");
        await Expect(admin.GetByTestId("sign-in-row").First).ToContainTextAsync("Chrome (headless) on Linux");
        await admin.Screenshot("21-sign-in-history-390");

        await admin.SetViewportSizeAsync(1400, 900);
        await admin.GotoAsync("users?sort=-last-sign-in");
        await admin.WaitForCircuitAsync();
        await Expect(admin.GetByTestId("last-sign-in").First).Not.ToHaveTextAsync("Never");
        await admin.Screenshot("22-users-last-sign-in-1400");
        await OpenOnAPhoneAsync(admin, "users?sort=-last-sign-in");
        await Expect(admin.GetByTestId("last-sign-in").First).Not.ToHaveTextAsync("Never");
        await admin.Screenshot("23-users-last-sign-in-390");
    }

    /// <summary>A fresh load at phone width, as a phone would open it (the drawer starts closed).</summary>
    private static async Task OpenOnAPhoneAsync(IPage page, string path)
    {
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(path);
        await page.WaitForCircuitAsync();
    }

    /// <summary>Earlier attempts of every kind, so the screenshots show each chip.</summary>
    private Task SeedOlderAttemptsAsync(Hesh.Core.Users.HeshUser user) =>
        host.DbAsync(async db =>
        {
            var outcomes = new[]
            {
                (SignInOutcome.Throttled, SignInMethod.Password), (SignInOutcome.WrongPassword, SignInMethod.Password),
                (SignInOutcome.Succeeded, SignInMethod.Passkey), (SignInOutcome.WrongCode, SignInMethod.Authenticator),
                (SignInOutcome.SecondFactorAsked, SignInMethod.Password), (SignInOutcome.LockedOut, SignInMethod.Password),
                (SignInOutcome.Succeeded, SignInMethod.RecoveryCode), (SignInOutcome.NotActivated, SignInMethod.Password),
            };
            db.SignInAttempts.AddRange(outcomes.Select((o, i) => new SignInAttempt
            {
                UserId = user.Id, CompanyId = user.CompanyId, At = DateTime.UtcNow.AddHours(-2 - i * 7), Outcome = o.Item1, Method = o.Item2,
                IpAddress = i % 2 == 0 ? "203.0.113.77" : "2001:db8:85a3::8a2e:370:7334", Device = i % 3 == 0 ? "Safari on iPhone" : "Firefox on Windows",
            }));
            return await db.SaveChangesAsync();
        });
}
