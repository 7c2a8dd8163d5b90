using System.Net;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Web.Account;

public sealed class SignUpTests(AppHost host)
{
    private static Dictionary<string, string> Form(string company, string email, string password = "Strong-pass-1", string first = "Sam") => new()
    {
        ["Input.CompanyName"] = company, ["Input.FirstName"] = first, ["Input.LastName"] = "Founder",
        ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
    };

    [Fact]
    public async Task SignUp_CreatesCompanyWithActiveAdminOwner_AndSignsIn()
    {
        var email = $"founder-{Guid.NewGuid():N}@test.hesh";
        using var session = new BrowserSession(host);

        var response = await session.SubmitAsync("/Account/SignUp", "signup", Form("Acme Metalworks", email));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var owner = await host.DbAsync(db => db.Users.Include(u => u.Company).SingleAsync(u => u.Email == email));
        Assert.True(owner.IsOwner);
        Assert.True(owner.IsAdmin);
        Assert.Equal(Hesh.Core.Users.UserStatus.Active, owner.Status);
        Assert.Equal("Company owner", owner.RoleName);
        Assert.Equal("Acme Metalworks", owner.Company!.Name);
        Assert.True(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task SignUp_WithAnEmailInUse_IsRefusedAndCreatesNoCompany()
    {
        var company = await host.CreateCompanyAsync();
        var before = await host.DbAsync(db => db.Companies.CountAsync());
        using var session = new BrowserSession(host);

        var page = await (await session.SubmitAsync("/Account/SignUp", "signup", Form("Second Co", company.OwnerEmail))).Content.ReadAsStringAsync();

        Assert.Contains("already exists", page);
        Assert.Equal(before, await host.DbAsync(db => db.Companies.CountAsync()));
    }

    [Fact]
    public async Task SignUp_WithWeakPassword_ShowsThePolicyAndCreatesNothing()
    {
        var email = $"weak-{Guid.NewGuid():N}@test.hesh";
        using var session = new BrowserSession(host);

        var page = await (await session.SubmitAsync("/Account/SignUp", "signup", Form("Weak Co", email, "password"))).Content.ReadAsStringAsync();

        Assert.Contains("Passwords must", page);
        Assert.False(await host.DbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.False(await host.DbAsync(db => db.Companies.AnyAsync(c => c.Name == "Weak Co")));
    }

    [Fact]
    public async Task SignUp_WithScriptInName_IsRefusedAndNothingIsSaved()
    {
        var email = $"xss-{Guid.NewGuid():N}@test.hesh";
        using var session = new BrowserSession(host);

        var page = await (await session.SubmitAsync("/Account/SignUp", "signup", Form("Script Co", email, first: "<script>alert(1)</script>"))).Content.ReadAsStringAsync();

        Assert.Contains("may contain only letters", page);
        Assert.DoesNotContain("<script>alert(1)</script>", page);
        Assert.False(await host.DbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }
}
