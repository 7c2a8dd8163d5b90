using System.Net;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Sessions;

/// <summary>Setting a password or inactivating a user ends the sessions they already have open.</summary>
public sealed class SessionTests(AppHost host)
{
    [Fact]
    public async Task PasswordSetByAdmin_SignsTheUserOutOfOpenSessions()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Sid");
        using var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);
        Assert.True(await session.IsSignedInAsync());

        await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>()
            .SetPasswordAsync(company.OwnerId, user.Id, new NewPasswordInput { Password = "Reset-by-admin-1", ConfirmPassword = "Reset-by-admin-1" }));

        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task Inactivation_SignsTheUserOutOfOpenSessions()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Ina");
        using var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);
        Assert.True(await session.IsSignedInAsync());

        await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().ApplyStatusActionAsync(company.OwnerId, user.Id, StatusAction.Inactivate));

        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task ChangingOwnPassword_KeepsThisSession_AndSignsOutTheOthers()
    {
        var company = await host.CreateCompanyAsync();
        using var here = new BrowserSession(host);
        using var elsewhere = new BrowserSession(host);
        await here.SignInAsync(company.OwnerEmail, TestCompany.Password);
        await elsewhere.SignInAsync(company.OwnerEmail, TestCompany.Password);

        var response = await here.SubmitAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestCompany.Password, ["Input.Password"] = "Renewed-pass-1", ["Input.ConfirmPassword"] = "Renewed-pass-1",
        });

        Assert.Contains("changed=1", response.Headers.Location!.ToString());
        Assert.True(await here.IsSignedInAsync());
        Assert.False(await elsewhere.IsSignedInAsync());
    }

    [Theory]
    [InlineData("Password1!")]
    [InlineData("Qwerty123!")]
    public async Task ChangingOwnPassword_ToACommonOne_IsRefusedWithTheReason_AndTheOldOneStillWorks(string password)
    {
        var company = await host.CreateCompanyAsync();
        using var here = new BrowserSession(host);
        await here.SignInAsync(company.OwnerEmail, TestCompany.Password);

        var response = await here.SubmitAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestCompany.Password, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This password is one of the most common ones", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        using var again = new BrowserSession(host);
        await again.SignInAsync(company.OwnerEmail, TestCompany.Password);
        Assert.True(await again.IsSignedInAsync());
        Assert.True(await here.IsSignedInAsync());
    }

    [Fact]
    public async Task ChangingOwnPassword_WithAWrongCurrentPassword_ChangesNothing()
    {
        var company = await host.CreateCompanyAsync();
        using var here = new BrowserSession(host);
        await here.SignInAsync(company.OwnerEmail, TestCompany.Password);

        var page = await (await here.SubmitAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "Not-mine-1", ["Input.Password"] = "Renewed-pass-1", ["Input.ConfirmPassword"] = "Renewed-pass-1",
        })).Content.ReadAsStringAsync();

        Assert.Contains("The current password is not correct.", page);
        using var again = new BrowserSession(host);
        await again.SignInAsync(company.OwnerEmail, TestCompany.Password);
        Assert.True(await again.IsSignedInAsync());
    }
}
