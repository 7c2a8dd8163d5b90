using Hesh.Core.Permissions;
using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>The Permissions tab as a keyboard and screen-reader user meets it.</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class PermissionsKeyboardTests(AppHost host, BrowserHost browser)
{
    private sealed class Focused
    {
        public string Tag { get; set; } = "";
        public string? Type { get; set; }
        public string? Role { get; set; }
        public string Name { get; set; } = "";
        public bool? Checked { get; set; }
        public string? Section { get; set; }

        public override string ToString() => $"{Tag} type={Type} role={Role} name='{Name}' checked={Checked} in {Section}";
    }

    [Fact]
    public async Task PermissionsTab_WalkedByKeyboard_EverySwitchHasANameAndState_TheLevelIsALabelledChoice_AndChangesApply()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Kira");
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.GotoAsync($"users/{user.Id}?tab=permissions");
        await page.WaitForCircuitAsync();
        var web = page.GetByTestId("access-Web");

        // What screen readers get: headed groups, named switches with their state, a named single-choice level.
        await Expect(web.GetByRole(AriaRole.Heading, new() { Name = "Web access", Level = 2 })).ToBeVisibleAsync();
        foreach (var group in PermissionCatalog.Groups)
        {
            await Expect(web.GetByRole(AriaRole.Heading, new() { Name = group.Key, Level = 3 })).ToBeVisibleAsync();
        }
        foreach (var permission in PermissionCatalog.All.Where(p => !p.IsLevel))
        {
            await Expect(web.GetByRole(AriaRole.Switch, new() { Name = permission.Title, Exact = true })).ToHaveCountAsync(1);
        }
        var level = web.GetByRole(AriaRole.Radiogroup, new() { Name = "Task edit level" });
        await Expect(level).ToBeVisibleAsync();
        await Expect(level.GetByRole(AriaRole.Radio)).ToHaveCountAsync(Enum.GetValues<TaskScope>().Length);
        await Expect(level.GetByRole(AriaRole.Radio, new() { Name = TaskScope.NoAccess.Title(), Exact = true })).ToBeCheckedAsync();

        // Tab from the top of the page to the Web "Analytics" switch, noting every control met on the way.
        var met = new List<Focused>();
        for (var i = 0; i < 250 && met.LastOrDefault()?.Name != "Analytics"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            met.Add(await FocusedAsync(page));
        }
        Assert.Contains(met, m => m.Tag == "BUTTON" && m.Name.StartsWith("Copy from", StringComparison.Ordinal));
        var controls = met.Where(m => m.Section == "access-Web" && m.Tag == "INPUT").ToList();
        Assert.Equal("Analytics", controls.Last().Name);
        Assert.All(controls, c => Assert.False(string.IsNullOrWhiteSpace(c.Name), $"a control without a name: {c}"));
        Assert.All(controls.Where(c => c.Type == "checkbox"), c => Assert.True(c.Role == "switch" && c.Checked is not null, $"not a switch with a state: {c}"));
        Assert.Contains(controls, c => c.Type == "radio");

        // Space switches it on; the change is applied and announced.
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByText("Analytics (web access) switched on for Kira Tester.")).ToBeVisibleAsync();
        await Expect(web.GetByRole(AriaRole.Switch, new() { Name = "Analytics", Exact = true })).ToBeCheckedAsync();

        // The level by keyboard alone: back to its checked radio with Shift+Tab, then the arrow key picks the next level.
        var back = await FocusedAsync(page);
        for (var i = 0; i < 60 && !(back.Type == "radio" && back.Section == "access-Web"); i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
            back = await FocusedAsync(page);
        }
        Assert.Equal(TaskScope.NoAccess.Title(), back.Name);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByText($"Task edit level (web access) set to \"{TaskScope.Department.Title()}\" for Kira Tester.")).ToBeVisibleAsync();
        await Expect(level.GetByRole(AriaRole.Radio, new() { Name = TaskScope.Department.Title(), Exact = true })).ToBeCheckedAsync();
        var stored = (await host.FindUserAsync(user.Id))!.WebAccess;
        Assert.True(stored.Has(PermissionKey.Analytics));
        Assert.Equal(TaskScope.Department, stored.TaskScope);

        // On through Mobile access to its end: every control there is reached, named, and a switch with a state.
        var mobile = new List<Focused>();
        for (var i = 0; i < 250; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var now = await FocusedAsync(page);
            if (now.Section == "access-Mobile")
            {
                mobile.Add(now);
            }
            else if (mobile.Count > 0)
            {
                break;
            }
        }
        var mobileInputs = mobile.Where(m => m.Tag == "INPUT").ToList();
        // Locked (always-on) switches are skipped by Tab; the level's radios are one stop, as radio groups are.
        Assert.Equal(PermissionCatalog.All.Count(p => !p.IsLevel && !p.IsAlwaysOn(Platform.Mobile)) + PermissionCatalog.All.Count(p => p.IsLevel),
            mobileInputs.Count);
        Assert.All(mobileInputs, c => Assert.False(string.IsNullOrWhiteSpace(c.Name), $"a control without a name: {c}"));
        Assert.All(mobileInputs.Where(c => c.Type == "checkbox"), c => Assert.True(c.Role == "switch" && c.Checked is not null, $"not a switch with a state: {c}"));
    }

    private static Task<Focused> FocusedAsync(IPage page) => page.EvaluateAsync<Focused>("""
        () => {
          const e = document.activeElement;
          const labelled = e.getAttribute('aria-labelledby');
          const name = e.getAttribute('aria-label')
            || (labelled ? labelled.split(' ').map(id => document.getElementById(id)?.textContent ?? '').join(' ') : '')
            || (e.labels && e.labels[0] ? e.labels[0].textContent : '')
            || e.textContent || '';
          const section = e.closest('[data-testid^=access-]');
          return {
            tag: e.tagName, type: e.getAttribute('type'), role: e.getAttribute('role'), name: name.trim(),
            checked: e.type === 'checkbox' || e.type === 'radio' ? e.checked : null,
            section: section ? section.getAttribute('data-testid') : null,
          };
        }
        """);
}
