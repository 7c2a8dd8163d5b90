using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Permissions;

/// <summary>
/// A company for the users-scope tests: Assembly with its sub-department Welding, and Paint beside them. Hanna holds
/// "Users permissions" (and Analytics, to grant) with <c>scope</c> and sits in Assembly; Ada is in Assembly too, Wes in
/// Welding, Pia in Paint, Nina in no department, and Adam is an admin in Assembly. Every name carries the company's tag.
/// </summary>
public sealed record ScopedCompany(TestCompany Company, Guid Assembly, Guid Welding, Guid Paint,
    HeshUser Holder, HeshUser Ada, HeshUser Wes, HeshUser Pia, HeshUser Nina, HeshUser Adam)
{
    public Guid Id => Company.Id;
    public string OwnerId => Company.OwnerId;

    public static async Task<ScopedCompany> CreateAsync(AppHost host, UserScope scope, params PermissionKey[] extra)
    {
        var company = await host.CreateCompanyAsync();
        var owner = company.OwnerId;
        var tag = company.Tag;
        Ok(await host.Call<PositionService, Result>(s => s.AddDepartmentAsync(owner, $"Assembly {tag}", null)));
        var assembly = await DepartmentAsync(host, company, $"Assembly {tag}");
        Ok(await host.Call<PositionService, Result>(s => s.AddDepartmentAsync(owner, $"Welding {tag}", assembly)));
        Ok(await host.Call<PositionService, Result>(s => s.AddDepartmentAsync(owner, $"Paint {tag}", null)));
        var welding = await DepartmentAsync(host, company, $"Welding {tag}");
        var paint = await DepartmentAsync(host, company, $"Paint {tag}");

        var holder = await company.AddUserAsync("Hanna");
        var ada = await company.AddUserAsync("Ada");
        var wes = await company.AddUserAsync("Wes");
        var pia = await company.AddUserAsync("Pia");
        var nina = await company.AddUserAsync("Nina");
        var adam = await company.AddUserAsync("Adam", admin: true);
        foreach (var (user, department) in new[] { (holder, assembly), (ada, assembly), (wes, welding), (pia, paint), (adam, assembly) })
        {
            Ok(await host.Call<PositionService, Result>(s => s.AssignAsync(owner, user.Id, department, null)));
        }
        foreach (var key in new[] { PermissionKey.Analytics }.Concat(extra))
        {
            await ToggleAsync(host, owner, holder.Id, key, true);
        }
        var version = (await host.FindUserAsync(holder.Id))!.AccessVersion;
        Ok(await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.SetUsersScopeAsync(owner, holder.Id, Platform.Web, scope, version)));
        // Ada and Pia hold Analytics too: "Who has this?" has someone to list on each side of the scope.
        await ToggleAsync(host, owner, ada.Id, PermissionKey.Analytics, true);
        await ToggleAsync(host, owner, pia.Id, PermissionKey.Analytics, true);
        return new ScopedCompany(company, assembly, welding, paint, (await host.FindUserAsync(holder.Id))!, ada, wes, pia, nina, adam);
    }

    public static async Task ToggleAsync(AppHost host, string actorId, string userId, PermissionKey key, bool on)
    {
        var version = (await host.FindUserAsync(userId))!.AccessVersion;
        Ok(await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.ToggleAsync(actorId, userId, Platform.Web, key, on, version)));
    }

    private static Task<Guid> DepartmentAsync(AppHost host, TestCompany company, string name) =>
        host.DbAsync(db => db.Departments.Where(d => d.CompanyId == company.Id && d.Name == name).Select(d => d.Id).SingleAsync());

    private static void Ok(Result result) => Assert.True(result.Succeeded, result.Error);
}
