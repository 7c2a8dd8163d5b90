using Hesh.Core.ApiKeys;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.PublicApi;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Security;

/// <summary>
/// Managing API keys: only the owner and admins of the company, while active, and only their own company's keys; bad
/// input refused. Each refused attempt changes nothing — no key, no audit entry — and no key's secret is ever stored.
/// </summary>
public sealed class ApiKeyAttacks(AppHost host)
{
    private sealed record World(Tenant Mine, TestCompany Theirs, HeshUser Profiler, HeshUser InactiveAdmin, TestKey MyKey, TestKey TheirKey);

    private static readonly OnceBuilt<World> Built = new();

    private Task<World> WorldAsync() => Built.GetAsync(async () =>
    {
        var mine = await Tenant.CreateAsync(host);
        var theirs = await host.CreateCompanyAsync();
        // Holds "Company profile", so sees the page the keys sit on, but is not an admin.
        var profiler = await mine.Company.AddUserAsync("Prof");
        var version = (await host.FindUserAsync(profiler.Id))!.AccessVersion;
        Assert.True((await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.ToggleAsync(mine.OwnerId, profiler.Id, Platform.Web, PermissionKey.CompanyProfile, true, version))).Succeeded);
        var inactiveAdmin = await mine.Company.AddUserAsync("Ina", UserStatus.Inactive, admin: true);
        return new World(mine, theirs, profiler, inactiveAdmin, await host.CreateKeyAsync(mine.Company), await host.CreateKeyAsync(theirs));
    });

    private async Task<string> SnapshotAsync(World w) =>
        await DbFingerprint.TakeAsync(host, w.Mine.Id, w.Theirs.Id) + await ApiFingerprint.KeysAsync(host, w.Mine.Id) + await ApiFingerprint.KeysAsync(host, w.Theirs.Id);

    public static IEnumerable<TheoryDataRow<string>> Intruders() =>
        SecurityTestExtensions.Rows((from who in new[] { "signed out", "a user", "a user with Company profile", "an inactive admin" }
                                     from what in new[] { "list", "create", "revoke" }
                                     select $"{who} × {what}").Append("their owner × revoke"));

    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task Only_the_companys_own_active_owner_and_admins_manage_its_keys(string attack)
    {
        var w = await WorldAsync();
        var (who, what) = (attack.Split(" × ")[0], attack.Split(" × ")[1]);
        var actor = who switch
        {
            "signed out" => "",
            "a user" => w.Mine.Performer.Id,
            "a user with Company profile" => w.Profiler.Id,
            "an inactive admin" => w.InactiveAdmin.Id,
            _ => w.Theirs.OwnerId,
        };
        var before = await SnapshotAsync(w);

        Result result = what switch
        {
            "list" => await host.Call<ApiKeyService, Result<IReadOnlyList<ApiKeyRow>>>(s => s.ListAsync(actor)),
            "create" => await host.Call<ApiKeyService, Result<CreatedApiKey>>(s => s.CreateAsync(actor, new CreateApiKeyInput { Name = "Backdoor", Scopes = ApiScopes.UsersWrite })),
            _ => await host.Call<ApiKeyService, Result>(s => s.RevokeAsync(actor, w.MyKey.Id)),
        };

        Assert.False(result.Succeeded);
        if (result is Result<IReadOnlyList<ApiKeyRow>> listed)
        {
            Assert.Null(listed.Value);
        }
        Assert.Equal(before, await SnapshotAsync(w));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.ApiClient(w.MyKey).GetAsync(ApiKit.Users)).StatusCode);
    }

    [Fact]
    public async Task An_owner_cannot_revoke_or_see_another_companys_key()
    {
        var w = await WorldAsync();
        var before = await SnapshotAsync(w);

        var revoked = await host.Call<ApiKeyService, Result>(s => s.RevokeAsync(w.Mine.OwnerId, w.TheirKey.Id));
        var listed = await host.Call<ApiKeyService, Result<IReadOnlyList<ApiKeyRow>>>(s => s.ListAsync(w.Mine.OwnerId));

        Assert.True(revoked.IsNotFound);
        Assert.DoesNotContain(listed.Value!, k => k.Id == w.TheirKey.Id);
        Assert.Equal(before, await SnapshotAsync(w));
    }

    public static IEnumerable<TheoryDataRow<string>> BadInputs() => SecurityTestExtensions.Rows(
        ["empty name", "blank name", "81 characters", "markup in the name", "no scope", "an unknown scope bit", "expiry in the past", "expiry beyond a year"]);

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_for_a_new_key_is_refused_by_field_and_changes_nothing(string attack)
    {
        var w = await WorldAsync();
        var input = new CreateApiKeyInput { Name = "Fine name", Scopes = ApiScopes.UsersRead };
        var field = attack switch
        {
            "empty name" => Set(() => input.Name = "", nameof(input.Name)),
            "blank name" => Set(() => input.Name = "   ", nameof(input.Name)),
            "81 characters" => Set(() => input.Name = new string('k', 81), nameof(input.Name)),
            "markup in the name" => Set(() => input.Name = "<img src=x onerror=alert(1)>", nameof(input.Name)),
            "no scope" => Set(() => input.Scopes = ApiScopes.None, nameof(input.Scopes)),
            "an unknown scope bit" => Set(() => input.Scopes = (ApiScopes)6, nameof(input.Scopes)),
            "expiry in the past" => Set(() => input.ExpiresAt = DateTime.UtcNow.AddMinutes(-1), nameof(input.ExpiresAt)),
            _ => Set(() => input.ExpiresAt = DateTime.UtcNow.AddDays(367), nameof(input.ExpiresAt)),
        };
        var before = await SnapshotAsync(w);

        var result = await host.Call<ApiKeyService, Result<CreatedApiKey>>(s => s.CreateAsync(w.Mine.OwnerId, input));

        Assert.True(result.FieldErrors.ContainsKey(field), string.Join("; ", result.FieldErrors));
        Assert.Null(result.Value);
        Assert.Equal(before, await SnapshotAsync(w));
    }

    private static string Set(Action set, string field)
    {
        set();
        return field;
    }

    [Fact]
    public async Task The_secret_is_never_stored_only_its_sha256_and_prefix()
    {
        var w = await WorldAsync();

        var row = await host.DbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == w.MyKey.Id));
        var stored = await DbFingerprint.TakeAsync(host, w.Mine.Id) + await ApiFingerprint.KeysAsync(host, w.Mine.Id);

        Assert.DoesNotContain(w.MyKey.Secret, stored);
        Assert.DoesNotContain(w.MyKey.Secret[ApiKey.PrefixLength..], stored);
        Assert.Equal(ApiKeySecret.HashOf(w.MyKey.Secret), row.SecretHash);
        Assert.Equal(w.MyKey.Secret[..ApiKey.PrefixLength], row.Prefix);
        Assert.Equal(64, row.SecretHash.Length);
    }

    [Fact]
    public async Task A_key_with_the_right_prefix_but_another_secret_is_refused()
    {
        var w = await WorldAsync();
        var forged = w.MyKey.Secret[..ApiKey.PrefixLength] + ApiKeySecret.New()[ApiKey.PrefixLength..];
        var before = await SnapshotAsync(w);

        var response = await host.ApiClient(forged, w.Mine.Id).GetAsync(ApiKit.Users);

        await response.AssertProblemAsync(401);
        Assert.Equal(before, await SnapshotAsync(w));
    }
}
