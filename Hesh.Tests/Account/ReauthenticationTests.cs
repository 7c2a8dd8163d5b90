using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.SignIns;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Account;

/// <summary>
/// Passwords re-entered inside a signed-in session count like sign-in failures from that client: an open session is no
/// guessing machine, and its guesses are in the sign-in history.
/// </summary>
public sealed class ReauthenticationTests(AppHost host)
{
    [Fact]
    public async Task FiveWrongCurrentPasswords_RefuseEvenTheRightOne_AndAreFiledAsWrongPasswords()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Gus");
        Task<Result> ChangeAsync(string current) => host.WithScopeAsync(s => s.GetRequiredService<MyAccountService>().ChangeOwnPasswordAsync(user.Id,
            new ChangeOwnPasswordInput { CurrentPassword = current, Password = "Brand-new-pass-1", ConfirmPassword = "Brand-new-pass-1" }));

        for (var i = 0; i < AccountPolicy.FailuresPerAddress; i++)
        {
            Assert.False((await ChangeAsync($"Guess-{i}-Pass")).Succeeded);
        }
        var right = await ChangeAsync(TestCompany.Password);

        Assert.False(right.Succeeded);
        Assert.Contains("Too many wrong passwords", right.FieldErrors.Values.Single());
        var filed = await host.DbAsync(db => db.SignInAttempts.Where(a => a.UserId == user.Id).Select(a => a.Outcome).ToListAsync());
        Assert.Equal(AccountPolicy.FailuresPerAddress, filed.Count(o => o == SignInOutcome.WrongPassword));
        Assert.Equal(1, filed.Count(o => o == SignInOutcome.Throttled));
    }

    [Fact]
    public async Task WrongCurrentPasswords_OnTheChangePasswordPage_ThrottleThatAddress_ForSignInToo_ButNotOthers()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Gil");
        using var unattended = new BrowserSession(host).From("203.0.113.31");
        await unattended.SignInAsync(user.Email!, TestCompany.Password);
        for (var i = 0; i < AccountPolicy.FailuresPerAddress; i++)
        {
            await unattended.SubmitAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = $"Guess-{i}-Pass", ["Input.Password"] = "Brand-new-pass-1", ["Input.ConfirmPassword"] = "Brand-new-pass-1",
            });
        }

        var page = await (await unattended.SubmitAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestCompany.Password, ["Input.Password"] = "Brand-new-pass-1", ["Input.ConfirmPassword"] = "Brand-new-pass-1",
        })).Content.ReadAsStringAsync();

        Assert.Contains("Too many wrong passwords. Try again in", page);
        using var sameAddress = new BrowserSession(host).From("203.0.113.31");
        Assert.Contains("Too many attempts from this address",
            await (await sameAddress.SignInAsync(user.Email!, TestCompany.Password)).Content.ReadAsStringAsync());
        using var elsewhere = new BrowserSession(host).From("198.51.100.31");
        await elsewhere.SignInAsync(user.Email!, TestCompany.Password);
        Assert.True(await elsewhere.IsSignedInAsync());
        Assert.Equal(AccountPolicy.FailuresPerAddress, await host.DbAsync(db =>
            db.SignInAttempts.CountAsync(a => a.UserId == user.Id && a.IpAddress == "203.0.113.31" && a.Outcome == SignInOutcome.WrongPassword)));
    }

    [Fact]
    public async Task ARightCurrentPassword_ClearsEarlierMistakes()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Hal");
        var users = (IServiceProvider s) => s.GetRequiredService<MyAccountService>();
        for (var i = 0; i < AccountPolicy.FailuresPerAddress - 1; i++)
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
    public async Task FiveWrongPasswordsWhenTransferringOwnership_RefuseEvenTheRightOne_AndNothingIsTransferred()
    {
        var company = await host.CreateCompanyAsync();
        var heir = await company.AddUserAsync("Iris");
        Task<Result> TransferAsync(string password) => host.WithScopeAsync(s => s.GetRequiredService<OwnershipService>().TransferAsync(company.OwnerId, heir.Id, password));

        for (var i = 0; i < AccountPolicy.FailuresPerAddress; i++)
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
