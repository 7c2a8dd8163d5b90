using System.Text.RegularExpressions;
using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class PermissionFlowTests(AppHost host, BrowserHost browser)
{
    private static async Task OpenPermissionsAsync(IPage page, string userId)
    {
        await page.GotoAsync($"users/{userId}?tab=permissions");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("access-Web")).ToBeVisibleAsync();
    }

    private static ILocator Toggle(IPage page, string platform, string title) =>
        page.GetByTestId($"access-{platform}").GetByRole(AriaRole.Switch, new() { Name = title, Exact = true })
            .Or(page.GetByTestId($"access-{platform}").GetByLabel(title, new() { Exact = true })).First;

    [Fact]
    public async Task AdminTurnsOnProductionsEdit_AndSeesProductionsViewSwitchOn()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await using var context = await browser.NewContextAsync(host);
        var admin = await context.NewPageAsync();
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.WaitForCircuitAsync();
        await OpenPermissionsAsync(admin, anna.Id);
        await Expect(Toggle(admin, "Web", "Productions view")).Not.ToBeCheckedAsync();

        await Toggle(admin, "Web", "Productions edit").ClickAsync();

        await Expect(Toggle(admin, "Web", "Productions edit")).ToBeCheckedAsync();
        await Expect(Toggle(admin, "Web", "Productions view")).ToBeCheckedAsync();
        await Expect(Toggle(admin, "Mobile", "Productions view")).Not.ToBeCheckedAsync();
        await Expect(admin.GetByText("Productions edit (web access) switched on for Anna Tester.")).ToBeVisibleAsync();
        await admin.Screenshot("10-permissions-tab");
    }

    [Fact]
    public async Task AdminGrantsPositionsAndDepartments_UserSeesDepartmentsAfterNavigating_AndOpensIt()
    {
        var company = await host.CreateCompanyAsync();
        var boris = await company.AddUserAsync("Boris");
        await using var adminContext = await browser.NewContextAsync(host);
        await using var userContext = await browser.NewContextAsync(host);
        var admin = await adminContext.NewPageAsync();
        var user = await userContext.NewPageAsync();
        await new SignInPage(user).SignInAsync(boris.Email!, TestCompany.Password);
        await user.WaitForCircuitAsync();
        var departmentsLink = user.GetByRole(AriaRole.Link, new() { Name = "Departments & positions" });
        await Expect(departmentsLink).ToHaveCountAsync(0);

        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.WaitForCircuitAsync();
        await OpenPermissionsAsync(admin, boris.Id);
        await Toggle(admin, "Web", "Positions & departments").ClickAsync();
        await Expect(Toggle(admin, "Web", "Positions & departments")).ToBeCheckedAsync();
        await Expect(admin.GetByText("Positions & departments (web access) switched on for Boris Tester.")).ToBeVisibleAsync();

        await user.GetByRole(AriaRole.Link, new() { Name = "My profile", Exact = true }).ClickAsync();
        await Expect(departmentsLink).ToBeVisibleAsync();
        await departmentsLink.ClickAsync();
        await Expect(user).ToHaveURLAsync(new Regex("/departments$"));
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Departments & positions" })).ToBeVisibleAsync();
        await user.GetByTestId("add-department").ClickAsync();
        await user.GetByTestId("name-input").FillAsync("Welding");
        await user.GetByTestId("name-save").ClickAsync();
        await Expect(user.GetByTestId("department-row").GetByText("Welding")).ToBeVisibleAsync();
        await user.Screenshot("11-departments");
    }
}
