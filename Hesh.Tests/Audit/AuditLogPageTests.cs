using Bunit;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Company;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Audit;

public sealed class AuditLogPageTests : HeshComponentTest
{
    private async Task<(HeshUser Owner, HeshUser Anna)> SeedAsync()
    {
        var (owner, people) = await SeedCompanyAsync("Olga", ("Anna", "Novak", false, null));
        await WithDbAsync(async s =>
        {
            var permissions = s.GetRequiredService<UserPermissionService>();
            await permissions.ToggleAsync(owner.Id, people[0].Id, Platform.Web, PermissionKey.Analytics, true, 0);
            await permissions.ToggleAsync(owner.Id, people[0].Id, Platform.Mobile, PermissionKey.TasksView, true, 1);
            return await s.GetRequiredService<PositionService>().AddDepartmentAsync(owner.Id, "Paint shop", null);
        });
        return (owner, people[0]);
    }

    private IRenderedComponent<AuditLogPage> RenderPage(HeshUser user)
    {
        SignInAs(user.Id);
        Render<MudPopoverProvider>();
        var page = Render<AuditLogPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row").Count));
        return page;
    }

    [Fact]
    public async Task A_permission_change_shows_only_what_changed_with_the_full_sets_on_expand()
    {
        var (owner, _) = await SeedAsync();

        var page = RenderPage(owner);

        var rows = page.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row");
        var granted = rows.Single(r => r.TextContent.Contains("+ Analytics (web)"));
        Assert.Equal(["+ Analytics (web)"], granted.QuerySelectorAll("[data-testid=audit-change] li").Select(l => l.TextContent));
        Assert.DoesNotContain("My tasks view & edit", granted.QuerySelector("[data-testid=audit-change]")!.TextContent);
        var full = granted.QuerySelector("details[data-testid=audit-full]")!;
        Assert.Contains("Before:", full.TextContent);
        Assert.Contains("My tasks view & edit", full.TextContent);
        Assert.Contains(rows, r => r.TextContent.Contains("+ Tasks view (mobile)"));
    }

    [Fact]
    public async Task An_organisation_entry_reads_before_and_after_and_does_not_link_to_a_user_page()
    {
        var (owner, anna) = await SeedAsync();

        var page = RenderPage(owner);

        var department = page.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row").Single(r => r.TextContent.Contains("Department added"));
        Assert.Contains("— → Paint shop", department.TextContent);
        Assert.Empty(department.QuerySelectorAll("a"));
        Assert.Empty(department.QuerySelectorAll("details"));
        var granted = page.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row").First(r => r.TextContent.Contains("Analytics"));
        Assert.Equal($"users/{anna.Id}", granted.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_log_offers_its_csv_export()
    {
        var (owner, _) = await SeedAsync();

        var page = RenderPage(owner);

        Assert.Equal("audit.csv", page.Find("[data-testid=audit-csv]").GetAttribute("href"));
    }
}
