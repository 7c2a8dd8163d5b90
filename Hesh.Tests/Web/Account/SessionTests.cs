using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Web.Account;

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

        await host.WithScopeAsync(s => s.GetRequiredService<UserService>()
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

        await host.WithScopeAsync(s => s.GetRequiredService<UserService>().ApplyStatusActionAsync(company.OwnerId, user.Id, StatusAction.Inactivate));

        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task ChangingOwnPassword_KeepsTheCurrentSessionWorking()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);
        await session.SignInAsync(company.OwnerEmail, TestCompany.Password);

        var result = await host.WithScopeAsync(s => s.GetRequiredService<UserService>().ChangeOwnPasswordAsync(company.OwnerId,
            new ChangeOwnPasswordInput { CurrentPassword = TestCompany.Password, Password = "Owner-new-1", ConfirmPassword = "Owner-new-1" }));

        Assert.True(result.Succeeded, result.Error);
    }
}
