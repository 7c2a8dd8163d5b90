using Hesh.Core.AccessRequests;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.Security;

/// <summary>
/// Access requests (issue 15 §2, §6) attacked through the calls the bell, the Overview card and the notice make: signed
/// out, as another company, without the permission, with guessed ids and with bad and huge input. Every case is refused
/// and neither company's fingerprint (its requests included) changes.
/// </summary>
public sealed class AccessRequestAttacks(AppHost host)
{
    /// <summary>
    /// Company A: Anna with an open request for Analytics; Hanna holding "Users permissions" but not Analytics; Boris,
    /// a plain user; Ivan, inactive. Company B: its owner and its own user.
    /// </summary>
    private sealed record World(Tenant A, HeshUser Anna, HeshUser Hanna, HeshUser Boris, Guid AnnasRequest, TestCompany B, HeshUser BUser);

    private static readonly OnceBuilt<World> Shared = new();

    private async Task<World> BuildAsync()
    {
        var a = await Tenant.CreateAsync(host);
        var anna = await a.Company.AddUserAsync("Anna");
        var hanna = await a.Company.AddUserAsync("Hanna");
        var boris = await a.Company.AddUserAsync("Boris");
        var granted = await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.ToggleAsync(a.OwnerId, hanna.Id, Platform.Web, PermissionKey.UsersPermissions, true, 0));
        Assert.True(granted.Succeeded, granted.Error);
        var request = await host.Call<AccessRequestService, Result<MyAccessRequest>>(s =>
            s.CreateAsync(anna.Id, new AccessRequestInput(PermissionKey.Analytics, "Monthly report", 60)));
        Assert.True(request.Succeeded, request.Error);
        var b = await host.CreateCompanyAsync();
        var bUser = await b.AddUserAsync("Bert");
        return new World(a, anna, hanna, boris, request.Value!.Id, b, bUser);
    }

    private static readonly string Huge = new('x', 100_000);

    private static Func<AppHost, World, Task<Result>> Approve(Func<World, string> who, Func<World, Guid>? id = null) =>
        (h, w) => h.Call<AccessRequestService, Result>(s => s.ApproveAsync(who(w), id?.Invoke(w) ?? w.AnnasRequest));

    private static Func<AppHost, World, Task<Result>> Decline(Func<World, string> who, string? reason = "no", Func<World, Guid>? id = null) =>
        (h, w) => h.Call<AccessRequestService, Result>(s => s.DeclineAsync(who(w), id?.Invoke(w) ?? w.AnnasRequest, reason));

    private static Func<AppHost, World, Task<Result>> Withdraw(Func<World, string> who) =>
        (h, w) => h.Call<AccessRequestService, Result>(s => s.WithdrawAsync(who(w), w.AnnasRequest));

    private static Func<AppHost, World, Task<Result>> Create(Func<World, string> who, AccessRequestInput input) =>
        async (h, w) => await h.Call<AccessRequestService, Result<MyAccessRequest>>(s => s.CreateAsync(who(w), input));

    private static readonly Dictionary<string, Func<AppHost, World, Task<Result>>> Cases = new()
    {
        ["Signed_out_cannot_approve"] = Approve(_ => ""),
        ["Signed_out_cannot_decline"] = Decline(_ => ""),
        ["Signed_out_cannot_withdraw"] = Withdraw(_ => ""),
        ["Signed_out_cannot_request"] = Create(_ => "", new AccessRequestInput(PermissionKey.Analytics)),
        ["Another_companys_owner_cannot_approve_a_request"] = Approve(w => w.B.OwnerId),
        ["Another_companys_owner_cannot_decline_a_request"] = Decline(w => w.B.OwnerId),
        ["Another_companys_user_cannot_withdraw_a_request"] = Withdraw(w => w.BUser.Id),
        ["A_user_without_Users_permissions_cannot_approve"] = Approve(w => w.Boris.Id),
        ["A_user_without_Users_permissions_cannot_decline"] = Decline(w => w.Boris.Id),
        ["A_holder_without_the_permission_cannot_approve_beyond_their_grants"] = Approve(w => w.Hanna.Id),
        ["A_holder_without_the_permission_cannot_decline_it_either"] = Decline(w => w.Hanna.Id),
        ["The_requester_cannot_approve_their_own_request"] = Approve(w => w.Anna.Id),
        ["Someone_else_cannot_withdraw_the_request"] = Withdraw(w => w.Boris.Id),
        ["An_admin_cannot_withdraw_someone_elses_request"] = Withdraw(w => w.A.Admin.Id),
        ["The_inactive_user_cannot_request"] = Create(w => w.A.Inactive.Id, new AccessRequestInput(PermissionKey.Analytics)),
        ["A_guessed_request_id_cannot_be_approved"] = Approve(w => w.A.OwnerId, _ => Guid.CreateVersion7()),
        ["A_guessed_request_id_cannot_be_declined"] = Decline(w => w.A.OwnerId, "no", _ => Guid.CreateVersion7()),
        ["A_huge_reason_cannot_be_requested"] = Create(w => w.Boris.Id, new AccessRequestInput(PermissionKey.Analytics, Huge, 60)),
        ["A_huge_decline_reason_is_refused"] = Decline(w => w.A.OwnerId, Huge),
        ["A_duration_not_offered_cannot_be_requested"] = Create(w => w.Boris.Id, new AccessRequestInput(PermissionKey.Analytics, null, 5)),
        ["A_permission_outside_the_catalogue_cannot_be_requested"] = Create(w => w.Boris.Id, new AccessRequestInput((PermissionKey)999)),
        ["A_platform_outside_the_catalogue_cannot_be_requested"] = Create(w => w.Boris.Id, new AccessRequestInput(PermissionKey.Analytics, Platform: (Platform)7)),
        ["A_level_outside_the_catalogue_cannot_be_requested"] = Create(w => w.Boris.Id, new AccessRequestInput(PermissionKey.TaskEditLevel, Level: (TaskScope)42)),
        ["An_always_on_permission_cannot_be_requested"] = Create(w => w.Boris.Id, new AccessRequestInput(PermissionKey.MyTasks)),
        ["A_second_open_request_cannot_be_made"] = Create(w => w.Anna.Id, new AccessRequestInput(PermissionKey.Analytics)),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task AccessRequestAttack_IsRefused_AndNothingChanges(string name)
    {
        var world = await Shared.GetAsync(BuildAsync);
        var before = await DbFingerprint.TakeAsync(host, world.A.Id, world.B.Id);

        var result = await Cases[name](host, world);

        Assert.False(result.Succeeded, name);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, world.A.Id, world.B.Id));
    }

    [Fact]
    public async Task AnotherCompanysOwner_SeesNoneOfItsRequests_AndNoOfferOfThem()
    {
        var world = await Shared.GetAsync(BuildAsync);

        var inbox = await host.Call<AccessRequestService, AccessRequestInbox>(s => s.WaitingForAsync(world.B.OwnerId));
        var boris = await host.Call<AccessRequestService, AccessRequestInbox>(s => s.WaitingForAsync(world.Boris.Id));

        Assert.Empty(inbox.Waiting);
        Assert.False(boris.CanAnswer);
        Assert.Empty(boris.Waiting);
        Assert.Contains(world.AnnasRequest, (await host.Call<AccessRequestService, AccessRequestInbox>(s => s.WaitingForAsync(world.A.OwnerId))).Waiting.Select(r => r.Id));
    }
}
