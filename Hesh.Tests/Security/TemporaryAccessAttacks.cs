using Hesh.Core.Common;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Security;

/// <summary>
/// Temporary access (issue 15 §1, §6): "Grant until…", Extend and End now called as a crafted component event — signed
/// out, from another company, without "Users permissions", on oneself, on an administrator, beyond one's own grants, on
/// a stale version, with ends in the past, too far ahead, or absurd, and with numbers no permission has. Each is refused
/// with its reason and the company's fingerprint (grants and their ends included) stays as it was.
/// </summary>
public sealed class TemporaryAccessAttacks(AppHost host)
{
    private sealed record World(TestCompany A, TestCompany B, HeshUser Holder, HeshUser Performer, HeshUser Admin, HeshUser Tina, HeshUser Bella);

    private static readonly OnceBuilt<World> Shared = new();

    private Task<World> WorldAsync() => Shared.GetAsync(BuildAsync);

    private async Task<World> BuildAsync()
    {
        var a = await host.CreateCompanyAsync();
        var b = await host.CreateCompanyAsync();
        var holder = await a.AddUserAsync("Holly");
        var performer = await a.AddUserAsync("Pia");
        var admin = await a.AddUserAsync("Adele", admin: true);
        var tina = await a.AddUserAsync("Tina");
        var bella = await b.AddUserAsync("Bella");
        foreach (var key in new[] { PermissionKey.UsersPermissions, PermissionKey.TasksView })
        {
            Assert.True((await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
                s.ToggleAsync(a.OwnerId, holder.Id, Platform.Web, key, true, VersionOf(holder.Id).Result))).Succeeded);
        }
        var end = DateTime.UtcNow.AddHours(6);
        Assert.True((await host.Call<TemporaryAccessService, Result<PermissionSheet>>(s =>
            s.GrantUntilAsync(a.OwnerId, tina.Id, Platform.Web, PermissionKey.Analytics, end, 0))).Succeeded);
        Assert.True((await host.Call<TemporaryAccessService, Result<PermissionSheet>>(s =>
            s.GrantUntilAsync(b.OwnerId, bella.Id, Platform.Web, PermissionKey.Analytics, end, 0))).Succeeded);
        return new World(a, b, holder, performer, admin, tina, bella);
    }

    private Task<int> VersionOf(string userId) => host.DbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.AccessVersion).SingleAsync());

    private static DateTime Hours(double hours) => DateTime.UtcNow.AddHours(hours);

    private static Func<AppHost, World, Task<Result<PermissionSheet>>> Grant(Func<World, string> actor, Func<World, HeshUser> target, PermissionKey key,
        DateTime? endsAt = null, int? version = null) =>
        async (h, w) => await h.Call<TemporaryAccessService, Result<PermissionSheet>>(async s => await s.GrantUntilAsync(actor(w), target(w).Id, Platform.Web, key,
            endsAt ?? Hours(2), version ?? await CurrentVersion(h, target(w).Id)));

    private static Func<AppHost, World, Task<Result<PermissionSheet>>> Extend(Func<World, string> actor, Func<World, HeshUser> target, PermissionKey key,
        DateTime? endsAt = null) =>
        async (h, w) => await h.Call<TemporaryAccessService, Result<PermissionSheet>>(async s => await s.ExtendAsync(actor(w), target(w).Id, Platform.Web, key,
            endsAt ?? Hours(10), await CurrentVersion(h, target(w).Id)));

    private static Func<AppHost, World, Task<Result<PermissionSheet>>> EndNow(Func<World, string> actor, Func<World, HeshUser> target, PermissionKey key) =>
        async (h, w) => await h.Call<TemporaryAccessService, Result<PermissionSheet>>(async s => await s.EndNowAsync(actor(w), target(w).Id, Platform.Web, key,
            await CurrentVersion(h, target(w).Id)));

    private static Task<int> CurrentVersion(AppHost h, string userId) => h.DbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.AccessVersion).SingleAsync());

    private static readonly Dictionary<string, Func<AppHost, World, Task<Result<PermissionSheet>>>> Attacks = new()
    {
        ["Signed_out_caller_cannot_grant_for_a_while"] = Grant(_ => "", w => w.Performer, PermissionKey.Analytics),
        ["Signed_out_caller_cannot_end_a_temporary_grant"] = EndNow(_ => "", w => w.Tina, PermissionKey.Analytics),
        ["Another_companys_owner_cannot_grant_for_a_while"] = Grant(w => w.B.OwnerId, w => w.Performer, PermissionKey.Analytics),
        ["Another_companys_owner_cannot_extend_a_grant"] = Extend(w => w.B.OwnerId, w => w.Tina, PermissionKey.Analytics),
        ["Another_companys_owner_cannot_end_a_grant"] = EndNow(w => w.B.OwnerId, w => w.Tina, PermissionKey.Analytics),
        ["Owner_cannot_reach_another_companys_temporary_grant"] = EndNow(w => w.A.OwnerId, w => w.Bella, PermissionKey.Analytics),
        ["Performer_without_users_permissions_cannot_grant_for_a_while"] = Grant(w => w.Performer.Id, w => w.Tina, PermissionKey.TasksView),
        ["Performer_without_users_permissions_cannot_extend"] = Extend(w => w.Performer.Id, w => w.Tina, PermissionKey.Analytics),
        ["Performer_without_users_permissions_cannot_end_early"] = EndNow(w => w.Performer.Id, w => w.Tina, PermissionKey.Analytics),
        ["Holder_cannot_grant_themself_for_a_while"] = Grant(w => w.Holder.Id, w => w.Holder, PermissionKey.Analytics),
        ["Holder_cannot_grant_an_admin_for_a_while"] = Grant(w => w.Holder.Id, w => w.Admin, PermissionKey.Analytics),
        ["Holder_cannot_grant_beyond_their_own_grants"] = Grant(w => w.Holder.Id, w => w.Performer, PermissionKey.Analytics),
        ["Holder_cannot_extend_a_grant_they_could_not_give"] = Extend(w => w.Holder.Id, w => w.Tina, PermissionKey.Analytics),
        ["Holder_cannot_raise_a_level_beyond_their_own"] = async (h, w) => await h.Call<TemporaryAccessService, Result<PermissionSheet>>(async s =>
            await s.GrantLevelUntilAsync(w.Holder.Id, w.Performer.Id, Platform.Web, TaskScope.AllDepartments, Hours(2), await CurrentVersion(h, w.Performer.Id))),
        ["Grant_on_a_stale_version_is_refused"] = Grant(w => w.A.OwnerId, w => w.Performer, PermissionKey.Analytics, version: -1),
        ["End_in_the_past_is_refused"] = Grant(w => w.A.OwnerId, w => w.Performer, PermissionKey.Analytics, Hours(-1)),
        ["End_thirty_seconds_ahead_is_refused"] = Grant(w => w.A.OwnerId, w => w.Performer, PermissionKey.Analytics, DateTime.UtcNow.AddSeconds(30)),
        ["End_more_than_a_year_ahead_is_refused"] = Grant(w => w.A.OwnerId, w => w.Performer, PermissionKey.Analytics, DateTime.UtcNow.AddDays(366)),
        ["End_at_the_end_of_time_is_refused"] = Grant(w => w.A.OwnerId, w => w.Performer, PermissionKey.Analytics, DateTime.MaxValue),
        ["End_at_the_beginning_of_time_is_refused"] = Grant(w => w.A.OwnerId, w => w.Performer, PermissionKey.Analytics, DateTime.MinValue),
        ["Extend_into_the_past_is_refused"] = Extend(w => w.A.OwnerId, w => w.Tina, PermissionKey.Analytics, Hours(-2)),
        ["Extend_beyond_a_year_is_refused"] = Extend(w => w.A.OwnerId, w => w.Tina, PermissionKey.Analytics, DateTime.UtcNow.AddYears(2)),
        ["Extend_of_a_permanent_grant_is_refused"] = Extend(w => w.A.OwnerId, w => w.Holder, PermissionKey.TasksView),
        ["End_now_of_a_permanent_grant_is_refused"] = EndNow(w => w.A.OwnerId, w => w.Holder, PermissionKey.UsersPermissions),
        ["Temporary_grant_of_an_always_on_permission_is_refused"] = Grant(w => w.A.OwnerId, w => w.Performer, PermissionKey.ProductsView),
        ["Temporary_grant_of_what_is_held_for_good_is_refused"] = Grant(w => w.A.OwnerId, w => w.Holder, PermissionKey.TasksView),
        ["Unknown_permission_number_is_refused"] = Grant(w => w.A.OwnerId, w => w.Performer, (PermissionKey)9999),
        ["Unknown_platform_number_is_refused"] = async (h, w) => await h.Call<TemporaryAccessService, Result<PermissionSheet>>(async s =>
            await s.GrantUntilAsync(w.A.OwnerId, w.Performer.Id, (Platform)77, PermissionKey.Analytics, Hours(2), await CurrentVersion(h, w.Performer.Id))),
        ["Level_not_above_the_current_one_is_refused"] = async (h, w) => await h.Call<TemporaryAccessService, Result<PermissionSheet>>(async s =>
            await s.GrantLevelUntilAsync(w.A.OwnerId, w.Performer.Id, Platform.Web, TaskScope.NoAccess, Hours(2), await CurrentVersion(h, w.Performer.Id))),
        ["Unknown_level_number_is_refused"] = async (h, w) => await h.Call<TemporaryAccessService, Result<PermissionSheet>>(async s =>
            await s.GrantLevelUntilAsync(w.A.OwnerId, w.Performer.Id, Platform.Web, (TaskScope)42, Hours(2), await CurrentVersion(h, w.Performer.Id))),
        ["Bulk_grant_ending_in_the_past_is_refused"] = async (h, w) =>
        {
            var result = await h.Call<AccessPlanService, Result<AccessPreview>>(async s => await s.ApplyAsync(w.A.OwnerId, w.Performer.Id,
                new AccessPlan.Grant(Platform.Web, [PermissionKey.Analytics], Hours(-3)), await CurrentVersion(h, w.Performer.Id), ChangeSource.Bulk, true));
            return new Result<PermissionSheet> { Error = result.Error };
        },
    };

    public static IEnumerable<TheoryDataRow<string>> Cases() => Rows(Attacks.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Temporary_access_call_beyond_the_rules_is_refused_and_changes_nothing(string rule)
    {
        var world = await WorldAsync();
        var before = await DbFingerprint.TakeAsync(host, world.A.Id, world.B.Id);

        var result = await Attacks[rule](host, world);

        Assert.False(result.Succeeded, $"{rule}: the call went through.");
        Assert.False(string.IsNullOrWhiteSpace(result.Error), "A refusal says why.");
        TestContext.Current.TestOutputHelper?.WriteLine($"{rule}: {result.Error}");
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, world.A.Id, world.B.Id));
    }
}
