using System.Reflection;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Permissions;

/// <summary>Pages check the catalogue's policy at the time of the request, read from the store, not the cookie.</summary>
public sealed class EnforcementTests(AppHost host)
{
    public static TheoryData<string, PermissionKey> GuardedPages => new()
    {
        { "/departments", PermissionKey.PositionsDepartments },
        { "/company", PermissionKey.CompanyProfile },
        { "/users", PermissionKey.UsersPermissions },
        { "/productions", PermissionKey.ProductionsView },
    };

    [Theory]
    [MemberData(nameof(GuardedPages))]
    public async Task ForcedBrowsing_WithoutThePermission_ShowsTheNoAccessNotice(string path, PermissionKey _)
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Plain");
        using var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);

        var response = await session.GetAsync(path);
        var page = await session.GetPageAsync(path);

        Assert.Contains("/no-access", response.Headers.Location!.ToString());
        Assert.Contains("data-testid=\"no-access\"", page);
    }

    [Theory]
    [MemberData(nameof(GuardedPages))]
    public async Task PermissionGranted_CountsOnTheVeryNextRequest_WithoutSigningInAgain(string path, PermissionKey key)
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Grantee");
        using var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);
        Assert.Contains("data-testid=\"no-access\"", await session.GetPageAsync(path));

        var granted = await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, user.Id, Platform.Web, key, true, 0));
        Assert.True(granted.Succeeded, granted.Error);

        Assert.DoesNotContain("data-testid=\"no-access\"", await session.GetPageAsync(path));
    }

    [Fact]
    public async Task PermissionRevoked_CountsOnTheVeryNextRequest()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Revokee");
        var permissions = (Func<UserPermissionService, Task<Hesh.Core.Common.Result<PermissionSheet>>> call) =>
            host.WithScopeAsync(s => call(s.GetRequiredService<UserPermissionService>()));
        await permissions(s => s.ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.CompanyProfile, true, 0));
        using var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);
        Assert.DoesNotContain("data-testid=\"no-access\"", await session.GetPageAsync("/company"));

        await permissions(s => s.ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.CompanyProfile, false, 1));

        Assert.Contains("data-testid=\"no-access\"", await session.GetPageAsync("/company"));
    }

    [Fact]
    public async Task AuditLog_IsForAdminsOnly()
    {
        var company = await host.CreateCompanyAsync();
        var holder = await company.AddUserAsync("Holder");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, holder.Id, Platform.Web, PermissionKey.UsersPermissions, true, 0));
        using var session = new BrowserSession(host);
        await session.SignInAsync(holder.Email!, TestCompany.Password);

        Assert.Contains("data-testid=\"no-access\"", await session.GetPageAsync("/audit"));
    }

    [Fact]
    public void EveryRoutablePage_OutsideAccount_RequiresAnAuthenticatedUser()
    {
        var open = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<RouteAttribute>().Any())
            .Where(t => !t.Namespace!.Contains(".Account", StringComparison.Ordinal))
            .Where(t => t.Name is not ("NotFound" or "Error"))
            .Where(t => !t.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Any())
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(open);
    }
}

public sealed class ActorCacheTests(AppHost host)
{
    [Fact]
    public async Task CachedAccess_IsDroppedTheMomentAChangeIsCommitted()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Cached");
        var cache = host.Services.GetRequiredService<ActorCache>();
        Assert.False((await cache.GetAsync(user.Id))!.Has(PermissionKey.Analytics));

        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.Analytics, true, 0));

        Assert.True((await cache.GetAsync(user.Id))!.Has(PermissionKey.Analytics));
    }
}
