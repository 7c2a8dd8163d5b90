using Hesh.Core.AccessRequests;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.AccessRequests;

/// <summary>The rules of asking for access and answering (issue 15 §2, §6), one test each.</summary>
public sealed class AccessRequestRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 14, 0, 0, DateTimeKind.Utc);

    private static HeshUser Anna(UserStatus status = UserStatus.Active, params PermissionKey[] web) => new()
    {
        Id = "anna", CompanyId = Build.CompanyA, FirstName = "Anna", LastName = "Novak", Status = status, WebAccess = Build.Grant(Platform.Web, web),
    };

    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    private static Actor AnnaActor(params PermissionKey[] web) => Actor.Of(Anna(UserStatus.Active, web));

    private static AccessRequest Open(PermissionKey key = PermissionKey.Analytics, TaskScope? level = null) => new()
    {
        CompanyId = Build.CompanyA, UserId = "anna", UserName = "Anna Novak", Key = key, Level = level, CreatedAt = Now.AddHours(-1),
        ExpiresAt = Now.AddHours(-1) + AccessRequest.Lifetime,
    };

    private static Actor Holder(params PermissionKey[] web) => Build.User("holder", [PermissionKey.UsersPermissions, .. web]);

    private static string? Create(Actor requester, PermissionKey key = PermissionKey.Analytics, string? reason = null, int? minutes = 60,
        AccessRequest? open = null, bool anyApprover = true, TaskScope? level = null) =>
        AccessRequestRules.CheckCreate(requester, Platform.Web, key, level, reason, minutes, open, anyApprover, TimeZoneInfo.Utc);

    [Fact]
    public void Request_ForAPermissionOneLacks_WithSomeoneToGrantIt_IsAllowed() =>
        Assert.Null(Create(AnnaActor()));

    [Fact]
    public void Request_ForAPermissionOneAlreadyHas_IsRefused() =>
        Assert.Equal("You already have Analytics.", Create(AnnaActor(PermissionKey.Analytics)));

    [Fact]
    public void Request_WhileAnOpenRequestForItExists_IsRefusedWithItsDate() =>
        Assert.Equal("You asked for this on 3 Dec; it is waiting for an answer.", Create(AnnaActor(), open: Open()));

    [Fact]
    public void Request_NobodyCanGrant_IsRefused() =>
        Assert.Equal(AccessRequestRules.NobodyCanGrant, Create(AnnaActor(), anyApprover: false));

    [Fact]
    public void Request_ByAnAdmin_IsRefused() =>
        Assert.Equal(AccessRequestRules.AdminHasEverything, Create(Build.Admin()));

    [Fact]
    public void Request_ByAnInactiveUser_IsRefused() =>
        Assert.Equal(AccessRequestRules.RequesterInactive, Create(Actor.Of(Anna(UserStatus.Inactive))));

    [Fact]
    public void Request_ForAnAlwaysOnPermission_IsRefused() =>
        Assert.Equal(AccessRequestRules.AlwaysOn, Create(AnnaActor(), PermissionKey.MyTasks));

    [Fact]
    public void Request_WithAReasonOver500Characters_IsRefused() =>
        Assert.Equal(AccessRequestRules.ReasonTooLong, Create(AnnaActor(), reason: new string('x', AccessRequest.ReasonMaxLength + 1)));

    [Fact]
    public void Request_WithAReasonOfExactly500Characters_IsAllowed() =>
        Assert.Null(Create(AnnaActor(), reason: new string('x', AccessRequest.ReasonMaxLength)));

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(61)]
    [InlineData(int.MaxValue)]
    public void Request_ForADurationNotOffered_IsRefused(int minutes) =>
        Assert.Equal(AccessRequestRules.BadDuration, Create(AnnaActor(), minutes: minutes));

    [Fact]
    public void Request_UntilSwitchedOff_IsAllowed() =>
        Assert.Null(Create(AnnaActor(), minutes: null));

    [Fact]
    public void Request_ForATaskEditLevel_NoWiderThanOneHas_IsRefused() =>
        Assert.StartsWith("You already have Task edit level",
            Create(Actor.Of(new HeshUser { Id = "anna", CompanyId = Build.CompanyA, Status = UserStatus.Active,
                WebAccess = AccessSet.Defaults(Platform.Web).WithScope(TaskScope.AllDepartments) }), PermissionKey.TaskEditLevel, level: TaskScope.Department));

    [Fact]
    public void Request_ForTheNoAccessLevel_IsRefused() =>
        Assert.Equal(AccessRequestRules.BadLevel, Create(AnnaActor(), PermissionKey.TaskEditLevel, level: TaskScope.NoAccess));

    [Fact]
    public void Admin_MayAnswerAnyRequestOfAUser() =>
        Assert.True(AccessRequestRules.CanAnswer(Build.Admin(), Anna(), Platform.Web, PermissionKey.Analytics, null));

    [Fact]
    public void UsersPermissionsHolder_WhoHoldsThePermission_MayAnswer() =>
        Assert.True(AccessRequestRules.CanAnswer(Holder(PermissionKey.Analytics), Anna(), Platform.Web, PermissionKey.Analytics, null));

    [Fact]
    public void UsersPermissionsHolder_WhoLacksThePermission_MayNotAnswer() =>
        Assert.False(AccessRequestRules.CanAnswer(Holder(), Anna(), Platform.Web, PermissionKey.Analytics, null));

    [Fact]
    public void UserWithoutUsersPermissions_MayNotAnswer_EvenHoldingThePermission() =>
        Assert.False(AccessRequestRules.CanAnswer(Build.User("boris", PermissionKey.Analytics), Anna(), Platform.Web, PermissionKey.Analytics, null));

    [Fact]
    public void Holder_MayNotAnswerALevelWiderThanTheirOwn() =>
        Assert.False(AccessRequestRules.CanAnswer(
            Build.UserWith("holder", Build.Grant(Platform.Web, PermissionKey.UsersPermissions).WithScope(TaskScope.Department), AccessSet.Defaults(Platform.Mobile)),
            Anna(), Platform.Web, PermissionKey.TaskEditLevel, TaskScope.AllDepartments));

    [Fact]
    public void NobodyAnswersTheirOwnRequest() =>
        Assert.False(AccessRequestRules.CanAnswer(Build.Admin("anna"), Anna(), Platform.Web, PermissionKey.Analytics, null));

    [Fact]
    public void AdminOfAnotherCompany_MayNotAnswer() =>
        Assert.False(AccessRequestRules.CanAnswer(Build.Admin(company: Build.CompanyB), Anna(), Platform.Web, PermissionKey.Analytics, null));

    [Fact]
    public void Approve_AnOpenRequest_BySomeoneWhoMayGrantIt_IsAllowed() =>
        Assert.Null(AccessRequestRules.CheckApprove(Open(), Build.Admin(), Anna(), Now, Utc, 60));

    [Fact]
    public void Approve_TwiceIsRefused_NamingWhoApprovedAndWhen()
    {
        var request = Open();
        request.Status = AccessRequestStatus.Approved;
        request.DecidedByName = "Olivia Owner";
        request.DecidedAt = Now.Date.AddHours(14).AddMinutes(2);

        Assert.Equal("This request was already approved by Olivia Owner at 14:02 UTC.", AccessRequestRules.CheckApprove(request, Build.Admin(), Anna(), Now, Utc, 60));
    }

    [Fact]
    public void Approve_TwiceIsRefused_TellingWhen_OnTheReadersClock_WithTheirZoneNamed()
    {
        var request = Open();
        request.Status = AccessRequestStatus.Approved;
        request.DecidedByName = "Olivia Owner";
        // 22:30 UTC is 00:30 the next day in Kyiv: for a Kyiv reader at 23:00 UTC (01:00 there) it was today.
        request.DecidedAt = Now.Date.AddHours(22).AddMinutes(30);
        var kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");

        Assert.Equal("This request was already approved by Olivia Owner at 00:30 Kyiv (UTC+2).",
            AccessRequestRules.CheckApprove(request, Build.Admin(), Anna(), Now.Date.AddHours(23), kyiv, 60));
    }

    [Fact]
    public void Approve_AfterSevenDays_IsRefusedAsExpired() =>
        Assert.Equal(AccessRequestRules.Expired, AccessRequestRules.CheckApprove(Open(), Build.Admin(), Anna(), Now + AccessRequest.Lifetime, Utc, 60));

    [Fact]
    public void Approve_AfterTheRequesterBecameInactive_IsRefused() =>
        Assert.Equal("Anna Novak is no longer active; the request cannot be approved.",
            AccessRequestRules.CheckApprove(Open(), Build.Admin(), Anna(UserStatus.Inactive), Now, Utc, 60));

    [Fact]
    public void Approve_ByAHolderBeyondTheirGrants_IsRefusedWithTheToggleReason() =>
        Assert.Equal($"You may not approve this request: {Refusal.BeyondOwnGrants.Message}",
            AccessRequestRules.CheckApprove(Open(), Holder(), Anna(), Now, Utc, 60));

    [Fact]
    public void Approve_ForADurationNotOffered_IsRefused() =>
        Assert.Equal(AccessRequestRules.BadDuration, AccessRequestRules.CheckApprove(Open(), Build.Admin(), Anna(), Now, Utc, 5));

    [Fact]
    public void Decline_WithAReasonOver500Characters_IsRefused() =>
        Assert.Equal(AccessRequestRules.ReasonTooLong,
            AccessRequestRules.CheckDecline(Open(), Build.Admin(), Anna(), Now, Utc, new string('x', AccessRequest.ReasonMaxLength + 1)));

    [Fact]
    public void Decline_AnApprovedRequest_IsRefused()
    {
        var request = Open();
        request.Status = AccessRequestStatus.Approved;
        request.DecidedByName = "Olivia Owner";
        request.DecidedAt = Now;

        Assert.StartsWith("This request was already approved by Olivia Owner", AccessRequestRules.CheckDecline(request, Build.Admin(), Anna(), Now, Utc, null));
    }

    [Fact]
    public void Withdraw_BySomeoneElse_IsRefused() =>
        Assert.Equal(AccessRequestRules.NotYours, AccessRequestRules.CheckWithdraw(Open(), "boris", Now, Utc));

    [Fact]
    public void Bell_IsOnlyForAdminsAndUsersPermissionsHolders()
    {
        Assert.True(AccessRequestRules.MayAnswerAny(Build.Admin()));
        Assert.True(AccessRequestRules.MayAnswerAny(Holder()));
        Assert.False(AccessRequestRules.MayAnswerAny(Build.User("boris", PermissionKey.Analytics)));
    }

    [Fact]
    public void ApprovalEnd_IsTheDurationFromNow_OrNoneUntilSwitchedOff()
    {
        Assert.Equal(Now.AddHours(8), AccessRequestRules.EndOf(Now, RequestDuration.EightHours.Minutes));
        Assert.Null(AccessRequestRules.EndOf(Now, RequestDuration.UntilSwitchedOff.Minutes));
    }
}
