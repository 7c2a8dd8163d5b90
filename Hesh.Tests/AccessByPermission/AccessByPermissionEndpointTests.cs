using System.Net;
using Hesh.Core.Permissions;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Hesh.Tests.Permissions;

namespace Hesh.Tests.AccessByPermission;

/// <summary>The "Access by permission" page and its CSV over HTTP: who gets them, and what the file holds.</summary>
public sealed class AccessByPermissionEndpointTests(AppHost host)
{
    [Fact]
    public async Task ThePage_SignedOut_IsSentToSignIn()
    {
        using var anonymous = new BrowserSession(host);

        var response = await anonymous.GetAsync("/users/access");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ThePage_WithoutUsersPermissions_ShowsTheNoAccessNotice()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Plain");
        using var session = await host.SignedInAsync(user.Email!);

        var response = await session.GetAsync("/users/access");

        Assert.Contains("/no-access", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ThePage_OpensForAScopedHolder()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        using var session = await host.SignedInAsync(c.Holder.Email!);

        var response = await session.GetAsync("/users/access?permission=Web.Analytics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Access by permission", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheExport_ForAnAdmin_IsACsvOfEveryHolder_WithSources()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        using var session = await host.SignedInAsync(c.Company.OwnerEmail);

        var response = await session.GetAsync("/users/access.csv?permission=Web.Analytics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("access-web-analytics-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("Permission,Platform,Name,Email,Department,Status,Source,Granted by,Granted at (UTC),Ends at (UTC)", body);
        foreach (var name in new[] { "Hanna Tester", "Ada Tester", "Pia Tester", "Adam Tester", "Olga Owner" })
        {
            Assert.Contains(name, body);
        }
        Assert.DoesNotContain("Nina Tester", body);
        Assert.DoesNotContain("Wes Tester", body);
    }
}
