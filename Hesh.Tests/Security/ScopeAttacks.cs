using System.Net;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Permissions;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Security;

/// <summary>
/// Escapes from a department-scoped "Users permissions" (issue 15 §3, §6): guessed ids of users outside the scope, a
/// copy or template reaching past it, bulk lists padded with out-of-scope ids, moving a user into one's own scope,
/// widening one's own scope or granting a wider one, and "Who has this?"'s export. Each is refused — as "not found"
/// where the user is out of reach — and the company's fingerprint is unchanged.
/// </summary>
public sealed class ScopeAttacks(AppHost host)
{
    private async Task<int> VersionOf(string userId) => (await host.FindUserAsync(userId))!.AccessVersion;

    [Fact]
    public async Task GuessedIdsOutsideTheScope_AreNotFound_ForDetailsSheetAndEveryChange()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        foreach (var target in new[] { c.Pia, c.Wes, c.Nina })
        {
            var v = await VersionOf(target.Id);
            Assert.Null(await host.Call<UserQueries, UserDetails?>(q => q.GetAsync(c.Holder.Id, target.Id)));
            Assert.Null(await host.Call<UserPermissionService, PermissionSheet?>(s => s.GetAsync(c.Holder.Id, target.Id)));
            Assert.True((await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.ToggleAsync(c.Holder.Id, target.Id, Platform.Web, PermissionKey.Analytics, true, v))).IsNotFound);
            Assert.True((await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.SetTaskScopeAsync(c.Holder.Id, target.Id, Platform.Web, TaskScope.NoAccess, v))).IsNotFound);
            Assert.True((await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.SetUsersScopeAsync(c.Holder.Id, target.Id, Platform.Web, UserScope.Department, v))).IsNotFound);
            Assert.True((await host.Call<AccessPlanService, Result<AccessPreview>>(s => s.PreviewAsync(c.Holder.Id, target.Id, new AccessPlan.Grant(Platform.Web, [PermissionKey.Analytics])))).IsNotFound);
            Assert.True((await host.Call<AuditQueries, Result<IReadOnlyList<HistoryRow>>>(s => s.HistoryAsync(c.Holder.Id, target.Id))).IsNotFound);
            Assert.Null(await host.Call<AccessPlanService, TemplateStatus?>(s => s.TemplateStatusAsync(c.Holder.Id, target.Id)));
        }

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task ATemplateApplied_ToAUserOutsideTheScope_IsNotFound()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        var position = await PositionAsync(c, AccessPair.Defaults.With(Platform.Web, AccessSet.Defaults(Platform.Web).With(PermissionKey.Analytics, true)));
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var applied = await host.Call<AccessPlanService, Result<AccessPreview>>(s =>
            s.ApplyAsync(c.Holder.Id, c.Pia.Id, new AccessPlan.FromPosition(position), VersionOf(c.Pia.Id).Result, ChangeSource.Template, true));

        Assert.True(applied.IsNotFound);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task CopyingFromAUserOutsideTheScope_IsRefusedAsNotFound()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var copied = await host.Call<AccessPlanService, Result<AccessPreview>>(s =>
            s.ApplyAsync(c.Holder.Id, c.Ada.Id, new AccessPlan.FromUser(c.Pia.Id), VersionOf(c.Ada.Id).Result, ChangeSource.Copy, true));

        Assert.False(copied.Succeeded);
        Assert.Equal("The user to copy from was not found.", copied.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task ABulkChange_WithOutOfScopeIds_ChangesNoneOfThem()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        var versions = new Dictionary<string, int>();
        foreach (var user in new[] { c.Pia, c.Wes, c.Nina })
        {
            versions[user.Id] = await VersionOf(user.Id);
        }
        versions["not-a-user"] = 0;
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var granted = await host.Call<AccessPlanService, Result<BulkOutcome>>(s =>
            s.ApplyManyAsync(c.Holder.Id, versions, new AccessPlan.Grant(Platform.Web, [PermissionKey.Analytics]), ChangeSource.Bulk, true));
        var revoked = await host.Call<AccessPlanService, Result<BulkOutcome>>(s =>
            s.ApplyManyAsync(c.Holder.Id, versions, new AccessPlan.Revoke(Platform.Web, [PermissionKey.Analytics]), ChangeSource.Bulk, true));

        Assert.Empty(granted.Value!.Applied);
        Assert.Empty(revoked.Value!.Applied);
        Assert.Empty(revoked.Value.Skipped);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task AScopedHolderWithoutPositionsAndDepartments_CannotMoveAnyoneIntoTheirScope()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var moved = await host.Call<PositionService, Result>(s => s.AssignAsync(c.Holder.Id, c.Pia.Id, c.Assembly, null));
        var unplaced = await host.Call<PositionService, Result>(s => s.AssignAsync(c.Holder.Id, c.Nina.Id, c.Assembly, null));

        Assert.False(moved.Succeeded);
        Assert.False(unplaced.Succeeded);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task AScopedHolderWithPositionsAndDepartments_CannotMoveAUserIntoTheirScope_NorADepartmentUnderTheirs()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.DepartmentAndSubDepartments, PermissionKey.PositionsDepartments);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var moved = await host.Call<PositionService, Result>(s => s.AssignAsync(c.Holder.Id, c.Pia.Id, c.Welding, null));
        var unplaced = await host.Call<PositionService, Result>(s => s.AssignAsync(c.Holder.Id, c.Nina.Id, c.Assembly, null));
        var department = await host.Call<PositionService, Result>(s => s.MoveDepartmentAsync(c.Holder.Id, c.Paint, c.Assembly));

        Assert.Equal(Refusal.IntoOwnScope.Message, moved.Error);
        Assert.Equal(Refusal.IntoOwnScope.Message, unplaced.Error);
        Assert.False(department.Succeeded);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task WideningOnesOwnScope_IsRefused()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var widened = await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.SetUsersScopeAsync(c.Holder.Id, c.Holder.Id, Platform.Web, UserScope.AllUsers, VersionOf(c.Holder.Id).Result));
        var reset = await host.Call<AccessPlanService, Result<AccessPreview>>(s =>
            s.ApplyAsync(c.Holder.Id, c.Holder.Id, new AccessPlan.Grant(Platform.Web, [PermissionKey.UsersPermissions]), VersionOf(c.Holder.Id).Result, ChangeSource.Toggle, true));

        Assert.Equal(Refusal.NoSelfEdit.Message, widened.Error);
        Assert.False(reset.Succeeded);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task GrantingAScopeWiderThanOnesOwn_ByScopeTemplateOrCopy_IsRefused()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        var position = await PositionAsync(c, AccessPair.Defaults.With(Platform.Web, AccessSet.Defaults(Platform.Web).With(PermissionKey.UsersPermissions, true)));
        // Someone inside the scope who holds the wider scope: a copy source that would pass it on.
        var wide = await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.SetUsersScopeAsync(c.OwnerId, c.Ada.Id, Platform.Web, UserScope.AllUsers, VersionOf(c.Ada.Id).Result));
        Assert.True(wide.Succeeded, wide.Error);
        var target = await c.Company.AddUserAsync("Tom");
        Assert.True((await host.Call<PositionService, Result>(s => s.AssignAsync(c.OwnerId, target.Id, c.Assembly, null))).Succeeded);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var scope = await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.SetUsersScopeAsync(c.Holder.Id, target.Id, Platform.Web, UserScope.AllUsers, VersionOf(target.Id).Result));
        var subs = await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.SetUsersScopeAsync(c.Holder.Id, target.Id, Platform.Web, UserScope.DepartmentAndSubDepartments, VersionOf(target.Id).Result));
        var template = await host.Call<AccessPlanService, Result<AccessPreview>>(s =>
            s.ApplyAsync(c.Holder.Id, target.Id, new AccessPlan.FromPosition(position), VersionOf(target.Id).Result, ChangeSource.Template, true));
        var copy = await host.Call<AccessPlanService, Result<AccessPreview>>(s =>
            s.ApplyAsync(c.Holder.Id, target.Id, new AccessPlan.FromUser(c.Ada.Id), VersionOf(target.Id).Result, ChangeSource.Copy, true));
        var nonsense = await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.SetUsersScopeAsync(c.Holder.Id, target.Id, Platform.Web, (UserScope)99, VersionOf(target.Id).Result));
        var templateSet = await host.Call<PositionService, Result<PositionTemplate>>(s => s.SetTemplateAsync(c.Holder.Id, position, AccessPair.Defaults));

        Assert.Equal(Refusal.BeyondOwnGrants.Message, scope.Error);
        Assert.Equal(Refusal.BeyondOwnGrants.Message, subs.Error);
        Assert.StartsWith("You cannot grant a permission you do not hold yourself: Users permissions (web)", template.Error);
        Assert.StartsWith("You cannot grant a permission you do not hold yourself: Users permissions (web)", copy.Error);
        Assert.False(nonsense.Succeeded);
        Assert.False(templateSet.Succeeded);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task TheHoldersExport_SignedOut_IsSentToSignIn_AndChangesNothing()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        using var anonymous = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var response = await anonymous.GetAsync("/users/access.csv?permission=Web.Analytics");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task TheHoldersExport_WithoutUsersPermissions_IsNotFound()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        using var session = await host.SignedInAsync(c.Ada.Email!);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var response = await session.GetAsync("/users/access.csv?permission=Web.Analytics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Pia Tester", body);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task TheHoldersExport_AsAnotherCompany_HoldsNoneOfThisCompanysPeople()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        var other = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(other.OwnerEmail);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var response = await session.GetAsync($"/users/access.csv?permission=Web.Analytics&department={c.Assembly}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(c.Company.Tag, body);
        Assert.DoesNotContain("Tester", body);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task TheHoldersExport_OfAScopedHolder_StopsAtTheScope_EvenWithAnotherDepartmentAsked()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        using var session = await host.SignedInAsync(c.Holder.Email!);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var all = await (await session.GetAsync("/users/access.csv?permission=Web.Analytics")).Content.ReadAsStringAsync();
        var paint = await session.GetAsync($"/users/access.csv?permission=Web.Analytics&department={c.Paint}");

        Assert.Contains("Ada Tester", all);
        Assert.DoesNotContain("Pia Tester", all);
        Assert.Equal(HttpStatusCode.OK, paint.StatusCode);
        Assert.DoesNotContain("Pia Tester", await paint.Content.ReadAsStringAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Theory]
    [InlineData("Web.Nothing")]
    [InlineData("Web.TaskEditLevel")]
    [InlineData("Web.Analytics.Department")]
    [InlineData("9.9")]
    [InlineData("")]
    public async Task TheHoldersExport_WithABadPermission_IsNotFound(string permission)
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.AllUsers);
        using var session = await host.SignedInAsync(c.Holder.Email!);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var response = await session.GetAsync($"/users/access.csv?permission={Uri.EscapeDataString(permission)}&department=not-a-guid");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    [Fact]
    public async Task TheHoldersExport_WithHugeInput_ChangesNothing()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.AllUsers);
        using var session = await host.SignedInAsync(c.Holder.Email!);
        var before = await DbFingerprint.TakeAsync(host, c.Id);

        var response = await session.GetAsync($"/users/access.csv?permission={new string('W', 6000)}&department={new string('1', 6000)}");

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong, response.StatusCode.ToString());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, c.Id));
    }

    private async Task<Guid> PositionAsync(ScopedCompany c, AccessPair template)
    {
        var name = $"Lead {Guid.NewGuid():N}"[..12];
        Assert.True((await host.Call<PositionService, Result>(s => s.AddPositionAsync(c.OwnerId, name))).Succeeded);
        var id = await host.DbAsync(db => db.Positions.Where(p => p.CompanyId == c.Id && p.Name == name).Select(p => p.Id).SingleAsync());
        Assert.True((await host.Call<PositionService, Result<PositionTemplate>>(s => s.SetTemplateAsync(c.OwnerId, id, template))).Succeeded);
        return id;
    }
}
