using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Web.Account;

/// <summary>Passwords re-entered inside a signed-in session count towards the sign-in lockout: an open session is no guessing machine.</summary>
public sealed class ReauthenticationTests(AppHost host)
{
    [Fact]
    public async Task WrongCurrentPasswords_LockTheAccount_SoEvenTheRightOneIsThenRefused_AndSignInToo()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Gus");
        Task<Result> ChangeAsync(string current) => host.WithScopeAsync(s => s.GetRequiredService<UserService>().ChangeOwnPasswordAsync(user.Id,
            new ChangeOwnPasswordInput { CurrentPassword = current, Password = "Brand-new-pass-1", ConfirmPassword = "Brand-new-pass-1" }));

        for (var i = 0; i < AccountPolicy.MaxFailedSignIns; i++)
        {
            Assert.False((await ChangeAsync($"Guess-{i}-Pass")).Succeeded);
        }
        var right = await ChangeAsync(TestCompany.Password);

        Assert.False(right.Succeeded);
        Assert.Contains("Too many wrong passwords", right.FieldErrors.Values.Single());
        using var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);
        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task ARightCurrentPassword_ClearsEarlierMistakes()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Hal");
        var users = (IServiceProvider s) => s.GetRequiredService<UserService>();
        for (var i = 0; i < AccountPolicy.MaxFailedSignIns - 1; i++)
        {
            await host.WithScopeAsync(s => users(s).ChangeOwnPasswordAsync(user.Id,
                new ChangeOwnPasswordInput { CurrentPassword = "Wrong-pass-1", Password = "Brand-new-pass-1", ConfirmPassword = "Brand-new-pass-1" }));
        }

        var changed = await host.WithScopeAsync(s => users(s).ChangeOwnPasswordAsync(user.Id,
            new ChangeOwnPasswordInput { CurrentPassword = TestCompany.Password, Password = "Brand-new-pass-1", ConfirmPassword = "Brand-new-pass-1" }));

        Assert.True(changed.Succeeded, changed.Error);
        Assert.Equal(0, (await host.FindUserAsync(user.Id))!.AccessFailedCount);
    }

    [Fact]
    public async Task WrongPasswordsWhenTransferringOwnership_LockTheOwnerOut_AndNothingIsTransferred()
    {
        var company = await host.CreateCompanyAsync();
        var heir = await company.AddUserAsync("Iris");
        Task<Result> TransferAsync(string password) => host.WithScopeAsync(s => s.GetRequiredService<OwnershipService>().TransferAsync(company.OwnerId, heir.Id, password));

        for (var i = 0; i < AccountPolicy.MaxFailedSignIns; i++)
        {
            Assert.False((await TransferAsync($"Guess-{i}-Pass")).Succeeded);
        }
        var right = await TransferAsync(TestCompany.Password);

        Assert.False(right.Succeeded);
        Assert.Contains("Too many wrong passwords", right.FieldErrors.Values.Single());
        Assert.True((await host.FindUserAsync(company.OwnerId))!.IsOwner);
        Assert.False((await host.FindUserAsync(heir.Id))!.IsOwner);
    }
}
