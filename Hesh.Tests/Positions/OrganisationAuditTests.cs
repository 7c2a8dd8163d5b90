using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Positions;

/// <summary>Every change of departments, positions and templates is in the audit log: who, what, before → after.</summary>
public sealed class OrganisationAuditTests(AppHost host)
{
    private Task<T> Positions<T>(Func<PositionService, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<PositionService>()));

    private async Task<OrgChart> ChartAsync(TestCompany company) => (await Positions(s => s.GetChartAsync(company.OwnerId)))!;

    private Task<List<AuditEntry>> EntriesAsync(TestCompany company) =>
        host.DbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.CompanyId == company.Id).OrderBy(e => e.Id).ToListAsync());

    private async Task<AuditEntry> LastAsync(TestCompany company) => (await EntriesAsync(company))[^1];

    [Fact]
    public async Task Adding_renaming_moving_and_deleting_a_department_each_write_an_entry_naming_the_department()
    {
        var company = await host.CreateCompanyAsync();
        await Positions(s => s.AddDepartmentAsync(company.OwnerId, "Assembly", null));
        var assembly = (await ChartAsync(company)).Departments.Single();
        var added = await LastAsync(company);
        await Positions(s => s.AddDepartmentAsync(company.OwnerId, "Welding", assembly.Id));
        var welding = (await ChartAsync(company)).AllDepartments.Single(d => d.Name == "Welding");
        var addedUnder = await LastAsync(company);
        await Positions(s => s.RenameDepartmentAsync(company.OwnerId, welding.Id, "Welding & cutting"));
        var renamed = await LastAsync(company);
        await Positions(s => s.MoveDepartmentAsync(company.OwnerId, welding.Id, null));
        var moved = await LastAsync(company);
        await Positions(s => s.DeleteDepartmentAsync(company.OwnerId, welding.Id));
        var deleted = await LastAsync(company);

        Assert.Equal((AuditAction.DepartmentAdded, assembly.Id.ToString(), "Assembly", (string?)null, (string?)"Assembly"),
            (added.Action, added.SubjectId, added.SubjectName, added.Before, added.After));
        Assert.Equal(company.OwnerId, added.ActorId);
        Assert.Equal("Welding, under Assembly", addedUnder.After);
        Assert.Equal((AuditAction.DepartmentRenamed, "Welding", "Welding & cutting"), (renamed.Action, renamed.Before, renamed.After));
        Assert.Equal((AuditAction.DepartmentMoved, "Assembly", "Top level"), (moved.Action, moved.Before, moved.After));
        Assert.Equal((AuditAction.DepartmentDeleted, welding.Id.ToString(), "Welding & cutting", (string?)null),
            (deleted.Action, deleted.SubjectId, deleted.Before, deleted.After));
    }

    [Fact]
    public async Task Adding_renaming_and_deleting_a_position_each_write_an_entry()
    {
        var company = await host.CreateCompanyAsync();
        await Positions(s => s.AddPositionAsync(company.OwnerId, "Welder"));
        var welder = (await ChartAsync(company)).Positions.Single();
        await Positions(s => s.RenamePositionAsync(company.OwnerId, welder.Id, "Senior welder"));
        await Positions(s => s.DeletePositionAsync(company.OwnerId, welder.Id));

        var entries = (await EntriesAsync(company)).Where(e => e.SubjectId == welder.Id.ToString()).ToList();

        Assert.Equal([AuditAction.PositionAdded, AuditAction.PositionRenamed, AuditAction.PositionDeleted], entries.Select(e => e.Action));
        Assert.Equal(("Welder", "Senior welder"), (entries[1].Before, entries[1].After));
    }

    [Fact]
    public async Task A_refused_or_unchanged_edit_writes_nothing()
    {
        var company = await host.CreateCompanyAsync();
        await Positions(s => s.AddPositionAsync(company.OwnerId, "Welder"));
        var welder = (await ChartAsync(company)).Positions.Single();
        var worker = await company.AddUserAsync("Worker");
        await Positions(s => s.AssignAsync(company.OwnerId, worker.Id, null, welder.Id));
        var before = (await EntriesAsync(company)).Count;

        await Positions(s => s.RenamePositionAsync(company.OwnerId, welder.Id, "Welder"));
        await Positions(s => s.DeletePositionAsync(company.OwnerId, welder.Id));
        await Positions(s => s.AddDepartmentAsync(worker.Id, "Sneaky", null));

        Assert.Equal(before, (await EntriesAsync(company)).Count);
    }

    [Fact]
    public async Task Saving_and_removing_a_template_write_entries_that_read_as_only_what_changed_and_announce_nothing()
    {
        var company = await host.CreateCompanyAsync();
        await Positions(s => s.AddPositionAsync(company.OwnerId, "Welder"));
        var welder = (await ChartAsync(company)).Positions.Single();
        var first = AccessPair.Defaults;
        var second = first.With(Platform.Web, first.Web.With(PermissionKey.Analytics, true));

        await Positions(s => s.SetTemplateAsync(company.OwnerId, welder.Id, first));
        await Positions(s => s.SetTemplateAsync(company.OwnerId, welder.Id, second));
        await Positions(s => s.SetTemplateAsync(company.OwnerId, welder.Id, second));
        await Positions(s => s.SetTemplateAsync(company.OwnerId, welder.Id, null));

        var entries = (await EntriesAsync(company)).Where(e => e.SubjectId == welder.Id.ToString() && e.Action is AuditAction.TemplateSet or AuditAction.TemplateRemoved).ToList();
        Assert.Equal([AuditAction.TemplateSet, AuditAction.TemplateSet, AuditAction.TemplateRemoved], entries.Select(e => e.Action));
        Assert.Equal(AuditChange.NoTemplate, entries[0].Before);
        Assert.Equal("+ Analytics (web)", AuditChange.Of(entries[1].Action, entries[1].What, entries[1].Before, entries[1].After).Text);
        Assert.Equal(AuditChange.NoTemplate, entries[2].After);
        Assert.All(entries, e => Assert.Equal("Welder", e.SubjectName));
    }

    [Fact]
    public async Task Organisation_entries_appear_in_the_log_without_a_link_to_a_user()
    {
        var company = await host.CreateCompanyAsync();
        await Positions(s => s.AddDepartmentAsync(company.OwnerId, "Paint shop", null));

        var page = (await host.WithScopeAsync(s => s.GetRequiredService<AuditQueries>().ListAsync(company.OwnerId, new AuditQuery(Action: AuditAction.DepartmentAdded)))).Value!;

        var row = Assert.Single(page.Items);
        Assert.False(row.SubjectIsUser);
        Assert.Equal("Paint shop", row.SubjectName);
    }

    [Fact]
    public async Task A_template_beyond_the_authors_own_grants_is_refused_by_the_one_rule_and_not_audited()
    {
        var company = await host.CreateCompanyAsync();
        await Positions(s => s.AddPositionAsync(company.OwnerId, "Welder"));
        var welder = (await ChartAsync(company)).Positions.Single();
        var author = await company.AddUserAsync("Author");
        await host.WithScopeAsync(async s =>
        {
            var permissions = s.GetRequiredService<UserPermissionService>();
            await permissions.ToggleAsync(company.OwnerId, author.Id, Platform.Web, PermissionKey.PositionsDepartments, true, 0);
            await permissions.ToggleAsync(company.OwnerId, author.Id, Platform.Web, PermissionKey.UsersPermissions, true, 1);
        });
        var before = (await EntriesAsync(company)).Count;
        var beyond = AccessPair.Defaults.With(Platform.Mobile, AccessPair.Defaults.Mobile.WithScope(TaskScope.Department));
        var within = AccessPair.Defaults.With(Platform.Web, AccessPair.Defaults.Web.With(PermissionKey.UsersPermissions, true));

        var refused = await Positions(s => s.SetTemplateAsync(author.Id, welder.Id, beyond));
        Assert.Equal(before, (await EntriesAsync(company)).Count);
        var saved = await Positions(s => s.SetTemplateAsync(author.Id, welder.Id, within));

        Assert.Equal(Refusal.BeyondOwnGrants.Message, refused.Error);
        Assert.True(saved.Succeeded);
        Assert.Equal(before + 1, (await EntriesAsync(company)).Count);
    }
}
