using Hesh.Core.AccessRequests;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.AccessRequests;

/// <summary>Through the service the bell, the Overview and the notice call, against the real store: every refusal changes nothing.</summary>
public sealed class AccessRequestServiceTests(AppHost host)
{
    private Task<T> Requests<T>(Func<AccessRequestService, Task<T>> call) => host.Call(call);

    /// <summary>The service on a clock the test moves (creation, expiry).</summary>
    private Task<T> RequestsAt<T>(ManualClock clock, Func<AccessRequestService, Task<T>> call) =>
        host.WithScopeAsync(s => call(ActivatorUtilities.CreateInstance<AccessRequestService>(s, (TimeProvider)clock)));

    private Task<string> AccessOf(string userId) => host.DbAsync(async db =>
    {
        var u = await db.Users.AsNoTracking().SingleAsync(x => x.Id == userId);
        return $"{u.Status}|{u.WebAccess.Serialize()}|{u.MobileAccess.Serialize()}|{u.AccessVersion}";
    });

    private Task<AccessRequest> RequestOf(Guid id) => host.DbAsync(db => db.AccessRequests.AsNoTracking().SingleAsync(r => r.Id == id));

    private async Task<Guid> AskAsync(string userId, PermissionKey key = PermissionKey.Analytics, int? minutes = 60, string? reason = "Monthly report")
    {
        var created = await Requests(s => s.CreateAsync(userId, new AccessRequestInput(key, reason, minutes)));
        Assert.True(created.Succeeded, created.Error);
        return created.Value!.Id;
    }

    private async Task<HeshUser> HolderAsync(TestCompany company, params PermissionKey[] web)
    {
        var holder = await company.AddUserAsync("Hanna");
        foreach (var key in web.Prepend(PermissionKey.UsersPermissions))
        {
            var version = (await host.FindUserAsync(holder.Id))!.AccessVersion;
            var result = await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.ToggleAsync(company.OwnerId, holder.Id, Platform.Web, key, true, version));
            Assert.True(result.Succeeded, result.Error);
        }
        return holder;
    }

    [Fact]
    public async Task Request_IsWaitingForTheOwner_AndAudited()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");

        var id = await AskAsync(anna.Id);

        var inbox = await Requests(s => s.WaitingForAsync(company.OwnerId));
        var row = Assert.Single(inbox.Waiting);
        Assert.Equal((id, "Anna Tester", "Analytics", "Monthly report", "1 hour"), (row.Id, row.UserName, row.What, row.Reason, row.Wished));
        var entry = await host.DbAsync(db => db.AuditEntries.SingleAsync(e => e.SubjectId == anna.Id && e.Action == AuditAction.AccessRequested));
        Assert.Equal(anna.Id, entry.ActorId);
        Assert.Equal("Analytics", entry.What);
    }

    [Fact]
    public async Task Request_ReachesEveryApproversBell_AndTheRequesterLive()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var notifier = host.Services.GetRequiredService<AccessNotifier>();
        var owner = new TaskCompletionSource<AccessChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        var requester = new TaskCompletionSource<AccessChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = notifier.Subscribe(company.OwnerId, c => { if (c.Kind == AccessChangeKind.Requests) owner.TrySetResult(c); return Task.CompletedTask; });
        using var b = notifier.Subscribe(anna.Id, c => { if (c.Kind == AccessChangeKind.Requests) requester.TrySetResult(c); return Task.CompletedTask; });

        await AskAsync(anna.Id);

        Assert.Equal("Anna Tester requested Analytics", (await owner.Task.WaitAsync(TimeSpan.FromSeconds(10))).Summary);
        Assert.Equal(AccessChangeKind.Requests, (await requester.Task.WaitAsync(TimeSpan.FromSeconds(10))).Kind);
    }

    [Fact]
    public async Task Request_ForAPermissionOneAlreadyHas_IsRefused_AndNothingIsWritten()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, true, 0));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await Requests(s => s.CreateAsync(anna.Id, new AccessRequestInput(PermissionKey.Analytics)));

        Assert.Equal("You already have Analytics.", result.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Request_WhileOneIsOpen_IsRefusedWithTheDateOfTheFirst()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await AskAsync(anna.Id);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var again = await Requests(s => s.CreateAsync(anna.Id, new AccessRequestInput(PermissionKey.Analytics)));

        Assert.Equal($"You asked for this on {DateTime.UtcNow:d MMM}; it is waiting for an answer.", again.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Request_WhenNobodyCanGrantIt_IsRefused()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        // The owner is the company's only admin; with the owner away nobody else could switch Analytics on for Anna.
        await host.DbAsync(db => db.Users.Where(u => u.Id == company.OwnerId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UserStatus.Inactive)));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await Requests(s => s.CreateAsync(anna.Id, new AccessRequestInput(PermissionKey.Analytics)));

        Assert.Equal(AccessRequestRules.NobodyCanGrant, result.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Approve_GrantsItThroughTheTogglePath_ForTheWishedHour_WithItsSourceAndEnd()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var id = await AskAsync(anna.Id, minutes: 60);
        var version = (await host.FindUserAsync(anna.Id))!.AccessVersion;

        var result = await Requests(s => s.ApproveAsync(company.OwnerId, id));

        Assert.True(result.Succeeded, result.Error);
        var user = (await host.FindUserAsync(anna.Id))!;
        Assert.True(user.WebAccess.Has(PermissionKey.Analytics));
        Assert.Equal(version + 1, user.AccessVersion);
        var grant = await host.DbAsync(db => db.PermissionGrants.SingleAsync(g => g.UserId == anna.Id && g.Key == PermissionKey.Analytics));
        Assert.Equal((GrantSource.Request, id, company.OwnerId), (grant.Source, grant.RequestId, grant.GrantedById));
        Assert.InRange(grant.EndsAt!.Value - grant.GrantedAt, TimeSpan.FromMinutes(59.9), TimeSpan.FromMinutes(60.1));
        var request = await RequestOf(id);
        Assert.Equal((AccessRequestStatus.Approved, "Olga Owner"), (request.Status, request.DecidedByName));
        Assert.True(await host.DbAsync(db => db.AuditEntries.AnyAsync(e => e.SubjectId == anna.Id && e.Action == AuditAction.AccessRequestApproved)));
        Assert.Empty((await Requests(s => s.WaitingForAsync(company.OwnerId))).Waiting);
    }

    [Fact]
    public async Task Approve_WithADurationOverridingTheWish_GrantsUntilSwitchedOff()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var id = await AskAsync(anna.Id, minutes: 60);

        Assert.True((await Requests(s => s.ApproveAsync(company.OwnerId, id, RequestDuration.UntilSwitchedOff))).Succeeded);

        var grant = await host.DbAsync(db => db.PermissionGrants.SingleAsync(g => g.UserId == anna.Id && g.Key == PermissionKey.Analytics));
        Assert.Null(grant.EndsAt);
    }

    [Fact]
    public async Task Approve_ATaskEditLevelRequest_SetsThatLevel()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var created = await Requests(s => s.CreateAsync(anna.Id, new AccessRequestInput(PermissionKey.TaskEditLevel, null, null, TaskScope.AllDepartments)));
        Assert.True(created.Succeeded, created.Error);

        Assert.True((await Requests(s => s.ApproveAsync(company.OwnerId, created.Value!.Id))).Succeeded);

        var user = (await host.FindUserAsync(anna.Id))!;
        Assert.Equal(TaskScope.AllDepartments, user.WebAccess.TaskScope);
        Assert.True(user.WebAccess.Has(PermissionKey.TasksView));
    }

    [Fact]
    public async Task Approve_Twice_IsRefusedNamingTheFirstApprover_AndChangesNothing()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var admin = await company.AddUserAsync("Adam", admin: true);
        var id = await AskAsync(anna.Id);
        Assert.True((await Requests(s => s.ApproveAsync(company.OwnerId, id))).Succeeded);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var second = await Requests(s => s.ApproveAsync(admin.Id, id));

        Assert.StartsWith("This request was already approved by Olga Owner at ", second.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Approve_AtTheSameMomentTwice_GrantsOnce()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var admin = await company.AddUserAsync("Adam", admin: true);
        var id = await AskAsync(anna.Id);
        var version = (await host.FindUserAsync(anna.Id))!.AccessVersion;

        var results = await Task.WhenAll(Requests(s => s.ApproveAsync(company.OwnerId, id)), Requests(s => s.ApproveAsync(admin.Id, id)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(version + 1, (await host.FindUserAsync(anna.Id))!.AccessVersion);
        Assert.Equal(1, await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == anna.Id && e.Action == AuditAction.AccessRequestApproved)));
    }

    [Fact]
    public async Task Approve_AfterTheRequesterBecameInactive_IsRefused_AndChangesNothing()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var id = await AskAsync(anna.Id);
        Assert.True((await host.Call<UserAdministration, Result>(s => s.ApplyStatusActionAsync(company.OwnerId, anna.Id, StatusAction.Inactivate))).Succeeded);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await Requests(s => s.ApproveAsync(company.OwnerId, id));

        Assert.Equal("Anna Tester is no longer active; the request cannot be approved.", result.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Approve_ByAHolderWithoutThePermission_IsRefused_AndTheRequestIsNotOnTheirBell()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var holder = await HolderAsync(company);
        var id = await AskAsync(anna.Id);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await Requests(s => s.ApproveAsync(holder.Id, id));

        Assert.Equal($"You may not approve this request: {Refusal.BeyondOwnGrants.Message}", result.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
        var inbox = await Requests(s => s.WaitingForAsync(holder.Id));
        Assert.True(inbox.CanAnswer);
        Assert.Empty(inbox.Waiting);
    }

    [Fact]
    public async Task Approve_ByAHolderWhoHoldsThePermission_Grants()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var holder = await HolderAsync(company, PermissionKey.Analytics);
        var id = await AskAsync(anna.Id);

        Assert.Single((await Requests(s => s.WaitingForAsync(holder.Id))).Waiting);
        Assert.True((await Requests(s => s.ApproveAsync(holder.Id, id))).Succeeded);
        Assert.True((await host.FindUserAsync(anna.Id))!.WebAccess.Has(PermissionKey.Analytics));
    }

    [Fact]
    public async Task Request_GrantedAnotherWayMeanwhile_LeavesTheBell_AndApprovingClosesItAsWithdrawn()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var id = await AskAsync(anna.Id);
        var version = (await host.FindUserAsync(anna.Id))!.AccessVersion;
        await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, true, version));

        Assert.Empty((await Requests(s => s.WaitingForAsync(company.OwnerId))).Waiting);
        var result = await Requests(s => s.ApproveAsync(company.OwnerId, id));

        Assert.Equal("Anna Tester already has Analytics; the request is closed.", result.Error);
        Assert.Equal(AccessRequestStatus.Withdrawn, (await RequestOf(id)).Status);
        Assert.Equal(version + 1, (await host.FindUserAsync(anna.Id))!.AccessVersion);
    }

    [Fact]
    public async Task Decline_WithAReason_ShowsOnTheRequestersNotice()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var id = await AskAsync(anna.Id);
        var before = await AccessOf(anna.Id);

        Assert.True((await Requests(s => s.DeclineAsync(company.OwnerId, id, "not this week"))).Succeeded);

        var offer = (await Requests(s => s.OfferAsync(anna.Id, PermissionKey.Analytics)))!;
        Assert.Equal((AccessRequestStatus.Declined, "Olga Owner", "not this week"), (offer.Latest!.Status, offer.Latest.DecidedByName, offer.Latest.DecisionReason));
        Assert.True(offer.CanRequest);
        Assert.Equal(before, await AccessOf(anna.Id));
        Assert.True(await host.DbAsync(db => db.AuditEntries.AnyAsync(e => e.SubjectId == anna.Id && e.Action == AuditAction.AccessRequestDeclined && e.After == "not this week")));
    }

    [Fact]
    public async Task Decline_WithAReasonTooLong_IsRefused_AndChangesNothing()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var id = await AskAsync(anna.Id);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await Requests(s => s.DeclineAsync(company.OwnerId, id, new string('x', AccessRequest.ReasonMaxLength + 1)));

        Assert.Equal(AccessRequestRules.ReasonTooLong, result.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Withdraw_ByTheRequester_ClosesIt_AndTheyMayAskAgain()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var id = await AskAsync(anna.Id);

        Assert.True((await Requests(s => s.WithdrawAsync(anna.Id, id))).Succeeded);

        Assert.Equal(AccessRequestStatus.Withdrawn, (await RequestOf(id)).Status);
        Assert.Empty((await Requests(s => s.WaitingForAsync(company.OwnerId))).Waiting);
        await AskAsync(anna.Id);
    }

    [Fact]
    public async Task UnansweredRequest_ExpiresAfterSevenDays_NotBefore()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        // Long ago, so the shared store holds nothing else this old: the run ends only what the test made.
        var clock = new ManualClock(new DateTimeOffset(2020, 1, 6, 9, 0, 0, TimeSpan.Zero));
        var created = await RequestsAt(clock, s => s.CreateAsync(anna.Id, new AccessRequestInput(PermissionKey.Analytics, null, 60)));
        Assert.True(created.Succeeded, created.Error);
        var expiry = (Func<DateTime, Task<int>>)(now => host.WithScopeAsync(s =>
            s.GetServices<IExpiringWork>().OfType<AccessRequestExpiry>().Single().RunDueAsync(now)));

        await expiry(clock.Now.UtcDateTime + AccessRequest.Lifetime - TimeSpan.FromMinutes(1));
        Assert.Equal(AccessRequestStatus.Open, (await RequestOf(created.Value!.Id)).Status);

        Assert.True(await expiry(clock.Now.UtcDateTime + AccessRequest.Lifetime) >= 1);

        Assert.Equal(AccessRequestStatus.Expired, (await RequestOf(created.Value.Id)).Status);
        Assert.True(await host.DbAsync(db => db.AuditEntries.AnyAsync(e => e.SubjectId == anna.Id && e.Action == AuditAction.AccessRequestExpired)));
        clock.Advance(AccessRequest.Lifetime);
        Assert.Equal(AccessRequestRules.Expired, (await RequestsAt(clock, s => s.ApproveAsync(company.OwnerId, created.Value.Id))).Error);
    }

    [Fact]
    public async Task Request_IsEmailedToTheApprovers_WhenTheCompanyAsks()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        Assert.True((await host.Call<CompanyService, Result>(s => s.SetEmailAccessRequestsAsync(company.OwnerId, true))).Succeeded);

        await AskAsync(anna.Id, reason: "Monthly report");

        var mail = await Mailbox.WaitForAsync(host.PickupDirectory, company.OwnerEmail, m => m.Subject?.Contains("requests Analytics") == true);
        Assert.Contains("Monthly report", mail.TextBody);
        Assert.True(await host.DbAsync(db => db.AuditEntries.AnyAsync(e => e.CompanyId == company.Id && e.What == "Access request emails" && e.After == "On")));
    }

    [Fact]
    public async Task EmailSwitch_NeedsCompanyProfile()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await host.Call<CompanyService, Result>(s => s.SetEmailAccessRequestsAsync(anna.Id, true));

        Assert.False(result.Succeeded);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
        Assert.False(await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.EmailAccessRequests).SingleAsync()));
    }

    [Fact]
    public async Task Users_permissions_approved_by_a_department_scoped_holder_reach_no_wider_than_the_holders_own()
    {
        var scoped = await Hesh.Tests.Permissions.ScopedCompany.CreateAsync(host, UserScope.Department);
        var id = await AskAsync(scoped.Ada.Id, PermissionKey.UsersPermissions);

        var result = await Requests(s => s.ApproveAsync(scoped.Holder.Id, id));

        Assert.True(result.Succeeded, result.Error);
        var ada = (await host.FindUserAsync(scoped.Ada.Id))!;
        Assert.True(ada.WebAccess.Has(PermissionKey.UsersPermissions));
        Assert.Equal(UserScope.Department, ada.WebAccess.UsersScope);
    }
}
