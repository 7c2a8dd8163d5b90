using System.Net;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.SignIns;
using Hesh.Core.TwoFactor;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.TwoFactor;

/// <summary>Passkeys as their owner uses them: add (password first), sign in without a password, list, rename, remove.</summary>
public sealed class PasskeyTests(AppHost host)
{
    private static bool Redirected(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther;

    private static string Location(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString ?? "";

    [Fact]
    public async Task AddingAPasskey_AsksForThePasswordFirst_ThenKeepsItUnderTheDevicesName_AndAuditsIt()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Pia");
        using var session = await host.SignedInAsync(user.Email!);
        using var passkey = new SoftPasskey();

        var first = await session.GetPageAsync(PasskeySteps.AddPage);
        Assert.Contains("confirm it is you", first);
        Assert.DoesNotContain("<passkey-submit", first);
        Assert.True(Redirected(await session.ConfirmPasswordAsync()));
        var options = await session.CreationOptionsAsync();
        var added = await session.PostNewPasskeyAsync(passkey.Create(await options.Content.ReadAsStringAsync(), session.Origin()));

        Assert.True(Redirected(added), await added.Content.ReadAsStringAsync());
        Assert.Equal($"/Account/AddPasskey?added={passkey.Id}", Location(added));
        var listed = Assert.Single((await host.Call<PasskeyService, Result<IReadOnlyList<PasskeyView>>>(s => s.ListAsync(user.Id))).Value!);
        Assert.Equal(passkey.Id, listed.Id);
        Assert.Equal("Unknown device", listed.Name);   // the test client sends no User-Agent
        Assert.Null(listed.LastUsedAt);
        var audit = await host.DbAsync(db => db.AuditEntries.Where(e => e.SubjectId == user.Id && e.Action == AuditAction.PasskeyAdded).ToListAsync());
        Assert.Equal(user.Id, Assert.Single(audit).ActorId);
        Assert.Equal("Unknown device", audit[0].After);
    }

    [Fact]
    public async Task AfterAddingAPasskey_ThePersonNamesIt_AndLandsOnTheirSecurityTab()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Nils");
        using var session = await host.SignedInAsync(user.Email!);
        using var passkey = new SoftPasskey();
        var added = await session.AddPasskeyAsync(passkey);

        var naming = await session.GetPageAsync(Location(added));
        var saved = await session.SubmitAsync(Location(added), "name-passkey", new Dictionary<string, string> { ["Naming.Name"] = "  Work laptop  " });

        Assert.Contains("Passkey added", naming);
        Assert.Contains("value=\"Unknown device\"", naming);
        Assert.True(Redirected(saved));
        Assert.Equal($"/users/{user.Id}?tab=security", Location(saved));
        Assert.Equal("Work laptop", await NameOfAsync(user.Id, passkey.Id));
    }

    [Fact]
    public async Task APasskeySignIn_NeedsNoEmailNoPasswordAndNoSecondFactor_AndGoesToTheReturnUrl()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Ola");
        using var passkey = new SoftPasskey();
        using (var setup = await host.SignedInAsync(user.Email!))
        {
            await setup.AddPasskeyAsync(passkey);
        }
        using var session = new BrowserSession(host);
        var sessionsBefore = await host.DbAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id && s.EndedAt == null));

        var options = await session.RequestOptionsAsync();
        var fields = await session.ReadFormAsync("/Account/Login?ReturnUrl=%2Fmy-tasks", "login");
        fields["Input.Passkey.CredentialJson"] = passkey.Get(await options.Content.ReadAsStringAsync(), session.Origin());
        var response = await session.PostAsOriginAsync("/Account/Login?ReturnUrl=%2Fmy-tasks", fields);

        Assert.True(Redirected(response), await response.Content.ReadAsStringAsync());
        Assert.Equal("/my-tasks", Location(response));
        Assert.True(await session.IsSignedInAsync());
        Assert.Equal(sessionsBefore + 1, await host.DbAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id && s.EndedAt == null)));
    }

    [Fact]
    public async Task RequestOptions_NameNoAccount_SoTheyTellNothingAboutWhoHasPasskeys()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Uma");
        using var passkey = new SoftPasskey();
        using (var setup = await host.SignedInAsync(user.Email!))
        {
            await setup.AddPasskeyAsync(passkey);
        }
        using var anonymous = new BrowserSession(host);

        var options = await (await anonymous.RequestOptionsAsync()).Content.ReadAsStringAsync();

        Assert.DoesNotContain(passkey.Id, options);
        Assert.Contains("\"allowCredentials\":[]", options);
    }

    [Fact]
    public async Task AConfirmationAllowsOnePasskey_TheNextOneNeedsThePasswordAgain()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Ivo");
        using var session = await host.SignedInAsync(user.Email!);
        using var first = new SoftPasskey();
        await session.AddPasskeyAsync(first);

        var options = await session.CreationOptionsAsync(tokenPage: "/Account/Login");

        Assert.Equal(HttpStatusCode.Forbidden, options.StatusCode);
        Assert.Contains("confirm it is you", await session.GetPageAsync(PasskeySteps.AddPage));
    }

    [Fact]
    public async Task LastUsed_IsTheLatestSuccessfulSignInWithThatPasskey_InTheSignInHistory()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Lea");
        using var used = new SoftPasskey();
        using var unused = new SoftPasskey();
        using (var session = await host.SignedInAsync(user.Email!))
        {
            await session.AddPasskeyAsync(used);
            await session.AddPasskeyAsync(unused);
        }
        var latest = new DateTime(2026, 11, 30, 9, 15, 0, DateTimeKind.Utc);
        await host.DbAsync(async db =>
        {
            db.SignInAttempts.AddRange(
                Attempt(user, latest.AddDays(-2), SignInOutcome.Succeeded, SignInMethod.Passkey, used.Id),
                Attempt(user, latest, SignInOutcome.Succeeded, SignInMethod.Passkey, used.Id),
                // Neither a failure, nor a password sign-in, nor another user's row moves "last used".
                Attempt(user, latest.AddDays(1), SignInOutcome.WrongCode, SignInMethod.Passkey, used.Id),
                Attempt(user, latest.AddDays(1), SignInOutcome.Succeeded, SignInMethod.Password, null),
                Attempt(user, latest.AddDays(1), SignInOutcome.Succeeded, SignInMethod.Passkey, used.Id, userId: company.OwnerId));
            return await db.SaveChangesAsync();
        });

        var list = (await host.Call<PasskeyService, Result<IReadOnlyList<PasskeyView>>>(s => s.ListAsync(user.Id))).Value!;

        Assert.Equal(latest, list.Single(p => p.Id == used.Id).LastUsedAt);
        Assert.Null(list.Single(p => p.Id == unused.Id).LastUsedAt);
    }

    public static TheoryData<string, string> BadNames() => new()
    {
        { "", "Give the passkey a name." },
        { "    ", "Give the passkey a name." },
        { new string('k', PasskeyService.NameMaxLength + 1), "Use at most 60 characters." },
        { "<script>x</script>", "A passkey name cannot contain < or > or line breaks." },
        { "Work\nlaptop", "A passkey name cannot contain < or > or line breaks." },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task RenamingToABadName_IsRefusedWithTheReason_AndKeepsTheOldName(string name, string reason)
    {
        var (user, passkey) = await UserWithPasskeyAsync("Rey");

        var result = await host.Call<PasskeyService, Result>(s => s.RenameAsync(user.Id, passkey.Id, name));

        Assert.Equal(reason, result.FieldErrors["Name"]);
        Assert.Equal("Unknown device", await NameOfAsync(user.Id, passkey.Id));
    }

    [Fact]
    public async Task Renaming_TrimsTheName_AndTakesSixtyCharacters()
    {
        var (user, passkey) = await UserWithPasskeyAsync("Rut");
        var sixty = "Anna's phone — " + new string('x', PasskeyService.NameMaxLength - 15);

        var result = await host.Call<PasskeyService, Result>(s => s.RenameAsync(user.Id, passkey.Id, $"  {sixty} "));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(sixty, await NameOfAsync(user.Id, passkey.Id));
    }

    [Fact]
    public async Task Removing_TakesThePasskeyAway_WritesAnAuditEntry_AndTellsTheUsersOpenTabs()
    {
        var (user, passkey) = await UserWithPasskeyAsync("Rob");
        var published = new List<AccessChanged>();
        var notifier = host.Services.GetRequiredService<AccessNotifier>();
        using var subscription = notifier.Subscribe(user.Id, c => { published.Add(c); return Task.CompletedTask; });
        var stampBefore = (await host.FindUserAsync(user.Id))!.SecurityStamp;

        var result = await host.Call<PasskeyService, Result>(s => s.RemoveAsync(user.Id, passkey.Id));
        await notifier.IdleAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty((await host.Call<PasskeyService, Result<IReadOnlyList<PasskeyView>>>(s => s.ListAsync(user.Id))).Value!);
        var entry = await host.DbAsync(db => db.AuditEntries.SingleAsync(e => e.SubjectId == user.Id && e.Action == AuditAction.PasskeyRemoved));
        Assert.Equal(("Unknown device", (string?)null), (entry.Before, entry.After));
        Assert.Equal(AccessChangeKind.TwoFactor, Assert.Single(published).Kind);
        // Removing a passkey is no password change: the person's sessions go on.
        Assert.Equal(stampBefore, (await host.FindUserAsync(user.Id))!.SecurityStamp);
    }

    [Fact]
    public async Task AfterRemovingItsPasskey_TheBrowserCannotSignInWithItAnyMore()
    {
        var (user, passkey) = await UserWithPasskeyAsync("Rui");
        Assert.True((await host.Call<PasskeyService, Result>(s => s.RemoveAsync(user.Id, passkey.Id))).Succeeded);
        using var session = new BrowserSession(host);

        var page = await (await session.SignInWithPasskeyAsync(passkey)).Content.ReadAsStringAsync();

        Assert.Contains(WebUtility.HtmlEncode(PasskeyMessages.NotRegistered), page);
        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public void TheRelyingParty_IsThePublicUrlsHost_AndEveryPasskeyIsDiscoverable()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Hesh:PublicUrl"] = "https://hesh.example.com/" }).Build());
        services.AddHeshPasskeys();

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<IdentityPasskeyOptions>>().Value;

        Assert.Equal("hesh.example.com", options.ServerDomain);
        Assert.Equal("required", options.ResidentKeyRequirement);
        Assert.Equal("required", options.UserVerificationRequirement);
    }

    [Fact]
    public void WithoutAPublicUrl_TheRelyingPartyIsTheRequestsHost()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddHeshPasskeys();

        Assert.Null(services.BuildServiceProvider().GetRequiredService<IOptions<IdentityPasskeyOptions>>().Value.ServerDomain);
    }

    private async Task<(Hesh.Core.Users.HeshUser User, SoftPasskey Passkey)> UserWithPasskeyAsync(string first)
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync(first);
        var passkey = new SoftPasskey();
        using var session = await host.SignedInAsync(user.Email!);
        var added = await session.AddPasskeyAsync(passkey);
        Assert.True(Redirected(added), await added.Content.ReadAsStringAsync());
        return (user, passkey);
    }

    private Task<string?> NameOfAsync(string userId, string passkeyId) =>
        host.Call<PasskeyService, Result<PasskeyView>>(s => s.GetAsync(userId, passkeyId)).ContinueWith(t => t.Result.Value?.Name);

    private static SignInAttempt Attempt(Hesh.Core.Users.HeshUser user, DateTime at, SignInOutcome outcome, SignInMethod method, string? credentialId,
        string? userId = null) =>
        new()
        {
            UserId = userId ?? user.Id, CompanyId = user.CompanyId, At = at, Outcome = outcome, Method = method, CredentialId = credentialId,
            Device = "Test", IpAddress = "127.0.0.1",
        };
}
