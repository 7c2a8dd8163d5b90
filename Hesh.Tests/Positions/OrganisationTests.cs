using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Positions;

/// <summary>Departments, positions, the company profile and the audit trail, through their services.</summary>
public sealed class OrganisationTests(AppHost host)
{
    private Task<T> Positions<T>(Func<PositionService, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<PositionService>()));

    private async Task<OrgChart> ChartAsync(TestCompany company) => (await Positions(s => s.GetChartAsync(company.OwnerId)))!;

    [Fact]
    public async Task DepartmentWithUsersOrSubDepartments_IsNotDeleted_AndTheMessageSaysWhy()
    {
        var company = await host.CreateCompanyAsync();
        await Positions(s => s.AddDepartmentAsync(company.OwnerId, "Assembly", null));
        var assembly = (await ChartAsync(company)).Departments.Single();
        await Positions(s => s.AddDepartmentAsync(company.OwnerId, "Welding", assembly.Id));
        var worker = await company.AddUserAsync("Worker");
        await Positions(s => s.AssignAsync(company.OwnerId, worker.Id, assembly.Id, null));

        var result = await Positions(s => s.DeleteDepartmentAsync(company.OwnerId, assembly.Id));

        Assert.Equal("\"Assembly\" still has 1 user and 1 sub-department. Move them first.", result.Error);
        Assert.Equal(2, (await ChartAsync(company)).AllDepartments.Count());
    }

    [Fact]
    public async Task EmptyDepartment_IsDeleted()
    {
        var company = await host.CreateCompanyAsync();
        await Positions(s => s.AddDepartmentAsync(company.OwnerId, "Temp", null));
        var temp = (await ChartAsync(company)).Departments.Single();

        Assert.True((await Positions(s => s.DeleteDepartmentAsync(company.OwnerId, temp.Id))).Succeeded);
        Assert.Empty((await ChartAsync(company)).Departments);
    }

    [Fact]
    public async Task DepartmentCannotMoveUnderItsOwnSubDepartment()
    {
        var company = await host.CreateCompanyAsync();
        await Positions(s => s.AddDepartmentAsync(company.OwnerId, "Top", null));
        var top = (await ChartAsync(company)).Departments.Single();
        await Positions(s => s.AddDepartmentAsync(company.OwnerId, "Child", top.Id));
        var child = (await ChartAsync(company)).AllDepartments.Single(d => d.Name == "Child");

        var result = await Positions(s => s.MoveDepartmentAsync(company.OwnerId, top.Id, child.Id));

        Assert.False(result.Succeeded);
        Assert.Null((await ChartAsync(company)).AllDepartments.Single(d => d.Name == "Top").ParentId);
    }

    [Fact]
    public async Task PositionHeldByUsers_IsNotDeleted()
    {
        var company = await host.CreateCompanyAsync();
        await Positions(s => s.AddPositionAsync(company.OwnerId, "Welder"));
        var welder = (await ChartAsync(company)).Positions.Single();
        var worker = await company.AddUserAsync("Worker");
        await Positions(s => s.AssignAsync(company.OwnerId, worker.Id, null, welder.Id));

        var result = await Positions(s => s.DeletePositionAsync(company.OwnerId, welder.Id));

        Assert.Contains("held by 1 user", result.Error);
        Assert.Single((await ChartAsync(company)).Positions);
    }

    [Fact]
    public async Task WithoutPositionsAndDepartments_NothingCanBeCreatedOrAssigned()
    {
        var company = await host.CreateCompanyAsync();
        var plain = await company.AddUserAsync("Plain");

        var add = await Positions(s => s.AddDepartmentAsync(plain.Id, "Sneaky", null));
        var assign = await Positions(s => s.AssignAsync(plain.Id, plain.Id, null, null));

        Assert.False(add.Succeeded);
        Assert.False(assign.Succeeded);
        Assert.Empty((await ChartAsync(company)).Departments);
    }

    [Fact]
    public async Task HolderOfPositionsAndDepartments_ManagesThem()
    {
        var company = await host.CreateCompanyAsync();
        var boris = await company.AddUserAsync("Boris");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, boris.Id, Platform.Web, PermissionKey.PositionsDepartments, true, 0));

        var painter = await company.AddUserAsync("Painter");

        Assert.True((await Positions(s => s.AddDepartmentAsync(boris.Id, "Painting", null))).Succeeded);
        var painting = (await ChartAsync(company)).Departments.Single();
        Assert.True((await Positions(s => s.AssignAsync(boris.Id, painter.Id, painting.Id, null))).Succeeded);
        Assert.Equal(painting.Id, (await host.FindUserAsync(painter.Id))!.DepartmentId);
    }

    [Fact]
    public async Task HolderOfPositionsAndDepartments_CannotMoveThemself_NorAnAdmin()
    {
        var company = await host.CreateCompanyAsync();
        var boris = await company.AddUserAsync("Boris");
        var admin = await company.AddUserAsync("Adele", admin: true);
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, boris.Id, Platform.Web, PermissionKey.PositionsDepartments, true, 0));
        await Positions(s => s.AddDepartmentAsync(boris.Id, "Everything", null));
        var everything = (await ChartAsync(company)).Departments.Single();

        var self = await Positions(s => s.AssignAsync(boris.Id, boris.Id, everything.Id, null));
        var other = await Positions(s => s.AssignAsync(boris.Id, admin.Id, everything.Id, null));

        Assert.False(self.Succeeded);
        Assert.False(other.Succeeded);
        Assert.Null((await host.FindUserAsync(boris.Id))!.DepartmentId);
        Assert.Null((await host.FindUserAsync(admin.Id))!.DepartmentId);
    }

    [Fact]
    public async Task AssigningAnotherCompanysDepartment_IsRefused()
    {
        var company = await host.CreateCompanyAsync();
        var other = await host.CreateCompanyAsync();
        await Positions(s => s.AddDepartmentAsync(other.OwnerId, "Theirs", null));
        var theirs = (await ChartAsync(other)).Departments.Single();
        var worker = await company.AddUserAsync("Worker");

        var result = await Positions(s => s.AssignAsync(company.OwnerId, worker.Id, theirs.Id, null));

        Assert.False(result.Succeeded);
        Assert.Null((await host.FindUserAsync(worker.Id))!.DepartmentId);
    }

    [Theory]
    [InlineData("D", "Key abbreviation")]
    [InlineData("TOOLONG", "Key abbreviation")]
    [InlineData("dw", "Key abbreviation")]
    public async Task CompanyProfile_BadKeyAbbreviation_IsRefused_AndNothingChanges(string key, string _)
    {
        var company = await host.CreateCompanyAsync();

        var result = await host.WithScopeAsync(s => s.GetRequiredService<CompanyService>().UpdateAsync(company.OwnerId,
            new CompanyProfileInput { Name = "Renamed", Currency = "EUR", KeyAbbreviation = key }));

        Assert.Contains(nameof(CompanyProfileInput.KeyAbbreviation), result.FieldErrors.Keys);
        Assert.NotEqual("Renamed", await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task CompanyProfile_NeedsItsPermission()
    {
        var company = await host.CreateCompanyAsync();
        var plain = await company.AddUserAsync("Plain");

        var result = await host.WithScopeAsync(s => s.GetRequiredService<CompanyService>().UpdateAsync(plain.Id,
            new CompanyProfileInput { Name = "Hijacked", Currency = "EUR", KeyAbbreviation = "HJ" }));

        Assert.False(result.Succeeded);
        Assert.NotEqual("Hijacked", await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task PasswordAndStatusChanges_AreAudited_WithoutThePassword()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Audited");
        await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().SetPasswordAsync(company.OwnerId, user.Id,
            new NewPasswordInput { Password = "Secret-pass-77", ConfirmPassword = "Secret-pass-77" }));
        await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().ApplyStatusActionAsync(company.OwnerId, user.Id, StatusAction.Inactivate));

        var entries = await host.DbAsync(db => db.AuditEntries.Where(e => e.SubjectId == user.Id).OrderBy(e => e.Id).ToListAsync());

        Assert.Equal([AuditAction.PasswordSetByAdmin, AuditAction.StatusChanged], entries.Select(e => e.Action));
        Assert.Equal(("Active", "Inactive"), (entries[1].Before, entries[1].After));
        Assert.All(entries, e => Assert.DoesNotContain("Secret-pass-77", $"{e.What}{e.Before}{e.After}"));
        Assert.All(entries, e => Assert.Equal("Olga Owner", e.ActorName));
    }

    [Fact]
    public async Task AuditLog_IsReadableByAdminsOfTheCompanyOnly()
    {
        var company = await host.CreateCompanyAsync();
        var plain = await company.AddUserAsync("Plain");
        var other = await host.CreateCompanyAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, plain.Id, Platform.Web, PermissionKey.Analytics, true, 0));

        var mine = await host.WithScopeAsync(s => s.GetRequiredService<AuditQueries>().ListAsync(company.OwnerId, new AuditQuery()));
        var theirs = await host.WithScopeAsync(s => s.GetRequiredService<AuditQueries>().ListAsync(other.OwnerId, new AuditQuery()));
        var refused = await host.WithScopeAsync(s => s.GetRequiredService<AuditQueries>().ListAsync(plain.Id, new AuditQuery()));

        Assert.Contains(mine.Value!.Items, e => e.SubjectId == plain.Id && e.Action == AuditAction.PermissionGranted);
        Assert.DoesNotContain(theirs.Value!.Items, e => e.SubjectId == plain.Id);
        Assert.False(refused.Succeeded);
    }
}
