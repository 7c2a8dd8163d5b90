using System.Net;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Users;

/// <summary>Templates, copy, bulk and history through the services the screens call, on the shared host.</summary>
public sealed class AccessPlanTests(AppHost host)
{
    private Task<T> Plans<T>(Func<AccessPlanService, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<AccessPlanService>()));

    private Task<HeshUser> UserAsync(string id) => host.FindUserAsync(id)!.ContinueWith(t => t.Result!);

    private static AccessPair Welder => new(AccessSet.Defaults(Platform.Web).With(PermissionKey.TasksView, true).WithScope(TaskScope.Department),
        AccessSet.Defaults(Platform.Mobile).With(PermissionKey.ProductionsView, true));

    private async Task<Guid> PositionWithTemplateAsync(TestCompany company, string name, AccessPair? template)
    {
        await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().AddPositionAsync(company.OwnerId, name));
        var id = await host.DbAsync(db => db.Positions.Where(p => p.CompanyId == company.Id && p.Name == name).Select(p => p.Id).SingleAsync());
        if (template is not null)
        {
            var set = await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().SetTemplateAsync(company.OwnerId, id, template));
            Assert.True(set.Succeeded, set.Error);
        }
        return id;
    }

    private Task AssignAsync(TestCompany company, HeshUser user, Guid positionId) =>
        host.WithScopeAsync(s => s.GetRequiredService<PositionService>().AssignAsync(company.OwnerId, user.Id, null, positionId));

    [Fact]
    public async Task CopyFromAUser_PreviewsTheDifference_ThenMakesTheAccessEqual_WithOneAuditEntry()
    {
        var company = await host.CreateCompanyAsync();
        var source = await company.AddUserAsync("Sara");
        var target = await company.AddUserAsync("Tim");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, source.Id, Platform.Web, PermissionKey.Analytics, true, 0));

        var preview = (await Plans(p => p.PreviewAsync(company.OwnerId, target.Id, new AccessPlan.FromUser(source.Id)))).Value!;
        Assert.Equal("+1 / −0", preview.Diff.Summary);
        Assert.Equal("Analytics (web)", Assert.Single(preview.Diff.Gained).Text);
        Assert.Equal(AccessPair.Defaults, AccessPair.Of(await UserAsync(target.Id)));

        var applied = await Plans(p => p.ApplyAsync(company.OwnerId, target.Id, new AccessPlan.FromUser(source.Id), preview.Version, ChangeSource.Copy, false));

        Assert.True(applied.Succeeded, applied.Error);
        Assert.True(AccessPair.Of(await UserAsync(target.Id)).SameAs(AccessPair.Of(await UserAsync(source.Id))));
        var entry = await host.DbAsync(db => db.AuditEntries.SingleAsync(e => e.SubjectId == target.Id));
        Assert.Equal((AuditAction.PermissionsApplied, ChangeSource.Copy), (entry.Action, entry.Source));
    }

    [Fact]
    public async Task CopyFrom_OffersOnlyActiveNonAdminsOtherThanTheUser_AndTheCopyRefusesWhatItDoesNotOffer()
    {
        var company = await host.CreateCompanyAsync();
        var target = await company.AddUserAsync("Tina");
        var colleague = await company.AddUserAsync("Tomas");
        var admin = await company.AddUserAsync("Tara", admin: true);
        var inactive = await company.AddUserAsync("Teo", UserStatus.Inactive);

        var offered = (await Plans(p => p.CopySourcesAsync(company.OwnerId, target.Id, null))).Select(u => u.Id).ToList();

        Assert.Contains(colleague.Id, offered);
        Assert.DoesNotContain(target.Id, offered);
        Assert.DoesNotContain(admin.Id, offered);
        Assert.DoesNotContain(inactive.Id, offered);
        Assert.DoesNotContain(company.OwnerId, offered);
        var refused = (await Plans(p => p.PreviewAsync(company.OwnerId, target.Id, new AccessPlan.FromUser(admin.Id)))).Error;
        Assert.Equal(AccessPlanService.CopySourceRefusal(admin.Id, true, admin.FullName, target.Id), refused);
    }

    [Fact]
    public async Task AUserWhoseAccessDiffersFromTheTemplate_ShowsTheCount_InTheListAndOnTheTab_UntilResetToTemplate()
    {
        var company = await host.CreateCompanyAsync();
        var welder = await PositionWithTemplateAsync(company, "Welder", Welder);
        var user = await company.AddUserAsync("Wanda");
        await AssignAsync(company, user, welder);

        var status = (await Plans(p => p.TemplateStatusAsync(company.OwnerId, user.Id)))!;
        Assert.Equal("Welder", status.PositionName);
        Assert.Equal(AccessDiff.Between(AccessPair.Defaults, Welder).Count, status.Drift.Count);
        var row = await host.WithScopeAsync(s => s.GetRequiredService<UserQueries>().ListAsync(company.OwnerId, new UserListQuery("Wanda")));
        Assert.Equal(status.Drift.Count, Assert.Single(row.Value!.Items).TemplateDrift);

        var reset = await Plans(p => p.ApplyAsync(company.OwnerId, user.Id, new AccessPlan.FromPosition(welder), 0, ChangeSource.Template, false));

        Assert.True(reset.Succeeded, reset.Error);
        Assert.True((await Plans(p => p.TemplateStatusAsync(company.OwnerId, user.Id)))!.Drift.IsEmpty);
    }

    [Fact]
    public async Task ChangingATemplate_NamesTheHoldersWhoFollowedTheOldOne_AndChangesNobody()
    {
        var company = await host.CreateCompanyAsync();
        var welder = await PositionWithTemplateAsync(company, "Welder", Welder);
        var follower = await company.AddUserAsync("Fola");
        var drifter = await company.AddUserAsync("Drew");
        foreach (var user in new[] { follower, drifter })
        {
            await AssignAsync(company, user, welder);
            await Plans(p => p.ApplyAsync(company.OwnerId, user.Id, new AccessPlan.FromPosition(welder), 0, ChangeSource.Template, false));
        }
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, drifter.Id, Platform.Web, PermissionKey.Analytics, true, 1));

        var changed = await host.WithScopeAsync(s => s.GetRequiredService<PositionService>()
            .SetTemplateAsync(company.OwnerId, welder, Welder with { Web = Welder.Web.With(PermissionKey.ProductsEdit, true) }));

        Assert.Equal([follower.Id], changed.Value!.FollowerIds);
        Assert.True(AccessPair.Of(await UserAsync(follower.Id)).SameAs(Welder));
    }

    [Fact]
    public async Task ATemplate_CannotHoldMoreThanItsNonAdminAuthorHolds()
    {
        var company = await host.CreateCompanyAsync();
        var position = await PositionWithTemplateAsync(company, "Foreman", null);
        var author = await company.AddUserAsync("Auth");
        foreach (var key in new[] { PermissionKey.PositionsDepartments, PermissionKey.UsersPermissions })
        {
            await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, author.Id, Platform.Web, key, true,
                s.GetRequiredService<Hesh.Core.Data.HeshDbContext>().Users.Single(u => u.Id == author.Id).AccessVersion));
        }

        var result = await host.WithScopeAsync(s => s.GetRequiredService<PositionService>()
            .SetTemplateAsync(author.Id, position, AccessPair.Defaults with { Web = AccessSet.Defaults(Platform.Web).With(PermissionKey.Analytics, true) }));

        Assert.Equal(Refusal.BeyondOwnGrants.Message, result.Error);
        Assert.Null(await host.DbAsync(db => db.Positions.Where(p => p.Id == position).Select(p => p.WebTemplate).SingleAsync()));
    }

    [Fact]
    public async Task BulkGrant_ByANonAdmin_SkipsTheAdminWithTheReason_AndChangesNothingForThem()
    {
        var company = await host.CreateCompanyAsync();
        var holder = await company.AddUserAsync("Hold");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, holder.Id, Platform.Web, PermissionKey.UsersPermissions, true, 0));
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, holder.Id, Platform.Web, PermissionKey.ProductionsView, true, 1));
        var admin = await company.AddUserAsync("Adam", admin: true);
        var first = await company.AddUserAsync("Uno");
        var second = await company.AddUserAsync("Duo");
        var adminBefore = await UserAsync(admin.Id);
        var plan = new AccessPlan.Grant(Platform.Web, [PermissionKey.ProductionsView]);

        var preview = (await Plans(p => p.PreviewManyAsync(holder.Id, [admin.Id, first.Id, second.Id], plan))).Value!;
        var outcome = (await Plans(p => p.ApplyManyAsync(holder.Id, preview.ToDictionary(r => r.UserId, r => r.Version), plan, ChangeSource.Bulk))).Value!;

        var skipped = Assert.Single(outcome.Skipped);
        Assert.Equal((admin.Id, Refusal.OnlyAdminEditsAdmin.Message), (skipped.UserId, skipped.Refusal));
        Assert.Equal(new[] { first.Id, second.Id }.Order(), outcome.Applied.Select(a => a.UserId).Order());
        var adminAfter = await UserAsync(admin.Id);
        Assert.Equal((adminBefore.AccessVersion, adminBefore.WebAccess), (adminAfter.AccessVersion, adminAfter.WebAccess));
        Assert.Equal(0, await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == admin.Id)));
        foreach (var user in new[] { first, second })
        {
            Assert.True((await UserAsync(user.Id)).WebAccess.Has(PermissionKey.ProductionsView));
            Assert.Equal(ChangeSource.Bulk, await host.DbAsync(db => db.AuditEntries.Where(e => e.SubjectId == user.Id).Select(e => e.Source).SingleAsync()));
        }
    }

    [Fact]
    public async Task BulkApply_SkipsAUserChangedSinceThePreview()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Mia");
        var plan = new AccessPlan.Grant(Platform.Web, [PermissionKey.Analytics]);
        var preview = (await Plans(p => p.PreviewManyAsync(company.OwnerId, [user.Id], plan))).Value!;
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.TasksView, true, 0));

        var outcome = (await Plans(p => p.ApplyManyAsync(company.OwnerId, preview.ToDictionary(r => r.UserId, r => r.Version), plan, ChangeSource.Bulk))).Value!;

        Assert.Equal("Changed by someone else since the preview.", Assert.Single(outcome.Skipped).Refusal);
        Assert.False((await UserAsync(user.Id)).WebAccess.Has(PermissionKey.Analytics));
    }

    [Fact]
    public async Task ARemovalThatClosesAnOpenPage_NeedsExplicitConfirmation()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Paula");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.Analytics, true, 0));
        var presence = host.Services.GetRequiredService<LivePresence>();
        var circuit = presence.Join(user.Id);
        presence.Visit(circuit, "analytics", PermissionKey.Analytics);
        try
        {
            var plan = new AccessPlan.Revoke(Platform.Web, [PermissionKey.Analytics]);
            var preview = (await Plans(p => p.PreviewAsync(company.OwnerId, user.Id, plan))).Value!;
            Assert.Equal("analytics", Assert.Single(preview.PagesClosed).Path);

            var unconfirmed = await Plans(p => p.ApplyAsync(company.OwnerId, user.Id, plan, preview.Version, ChangeSource.Bulk, closingPagesConfirmed: false));
            Assert.False(unconfirmed.Succeeded);
            Assert.True((await UserAsync(user.Id)).WebAccess.Has(PermissionKey.Analytics));

            var confirmed = await Plans(p => p.ApplyAsync(company.OwnerId, user.Id, plan, preview.Version, ChangeSource.Bulk, closingPagesConfirmed: true));
            Assert.True(confirmed.Succeeded, confirmed.Error);
            Assert.False((await UserAsync(user.Id)).WebAccess.Has(PermissionKey.Analytics));
        }
        finally
        {
            presence.Leave(circuit);
        }
    }

    [Fact]
    public async Task BulkRevoke_ThatClosesAnOpenPage_SkipsThatUserUnlessConfirmed()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Olli");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.Analytics, true, 0));
        var presence = host.Services.GetRequiredService<LivePresence>();
        var circuit = presence.Join(user.Id);
        presence.Visit(circuit, "analytics", PermissionKey.Analytics);
        try
        {
            var plan = new AccessPlan.Revoke(Platform.Web, [PermissionKey.Analytics]);
            var versions = new Dictionary<string, int> { [user.Id] = 1 };

            var unconfirmed = (await Plans(p => p.ApplyManyAsync(company.OwnerId, versions, plan, ChangeSource.Bulk))).Value!;
            Assert.Contains("closes a page the user has open", Assert.Single(unconfirmed.Skipped).Refusal);
            Assert.True((await UserAsync(user.Id)).WebAccess.Has(PermissionKey.Analytics));

            var confirmed = (await Plans(p => p.ApplyManyAsync(company.OwnerId, versions, plan, ChangeSource.Bulk, closingPagesConfirmed: true))).Value!;
            Assert.Single(confirmed.Applied);
            Assert.False((await UserAsync(user.Id)).WebAccess.Has(PermissionKey.Analytics));
        }
        finally
        {
            presence.Leave(circuit);
        }
    }

    [Fact]
    public async Task BulkPreview_ListsTheActorThemselvesAsSkipped_EvenWhenNothingWouldChange()
    {
        var company = await host.CreateCompanyAsync();
        var carla = await company.AddUserAsync("Carla");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, carla.Id, Platform.Web, PermissionKey.UsersPermissions, true, 0));

        var previews = (await Plans(p => p.PreviewManyAsync(carla.Id, [carla.Id], new AccessPlan.Revoke(Platform.Web, [PermissionKey.Analytics])))).Value!;

        Assert.Equal("You cannot change your own permissions.", Assert.Single(previews).Refusal);
    }

    [Fact]
    public async Task ACopyBeyondTheActorsOwnGrants_IsRefused_NamingThePermission()
    {
        var company = await host.CreateCompanyAsync();
        var carla = await company.AddUserAsync("Carla");
        var source = await company.AddUserAsync("Sol");
        var target = await company.AddUserAsync("Tom");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, carla.Id, Platform.Web, PermissionKey.UsersPermissions, true, 0));
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, source.Id, Platform.Web, PermissionKey.Analytics, true, 0));

        var preview = (await Plans(p => p.PreviewAsync(carla.Id, target.Id, new AccessPlan.FromUser(source.Id)))).Value!;

        Assert.Equal("You cannot grant a permission you do not hold yourself: Analytics (web).", preview.Refusal);
    }

    [Fact]
    public async Task BulkApply_ReportsProgressAfterEachUser_UpToTheWholeSelection()
    {
        var company = await host.CreateCompanyAsync();
        var users = new[] { await company.AddUserAsync("Pia"), await company.AddUserAsync("Per"), await company.AddUserAsync("Pal") };
        var reported = new List<int>();
        var progress = new SynchronousProgress(reported.Add);

        var outcome = (await Plans(p => p.ApplyManyAsync(company.OwnerId, users.ToDictionary(u => u.Id, _ => 0),
            new AccessPlan.Grant(Platform.Web, [PermissionKey.Analytics]), ChangeSource.Bulk, progress: progress))).Value!;

        Assert.Equal(3, outcome.Applied.Count);
        Assert.Equal([1, 2, 3], reported);
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    [Fact]
    public async Task Receipt_CountsOnlySessionsThatAcknowledgedTheChange_AndSaysWhenNobodyIsOnline()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Ron");
        var presence = host.Services.GetRequiredService<LivePresence>();

        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.Analytics, true, 0));
        var offline = await presence.ReceiptAsync(user.Id);
        Assert.Equal((0, 0), (offline.Applied, offline.Open));
        Assert.Equal("Saved — Ron has no open tab; it applies at their next page.", ReceiptWording.For(offline, "Ron"));

        using var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);
        await using var acknowledging = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, PermissionsHub.Path), o => o.Cookies = session.Cookies).Build();
        acknowledging.On<PermissionsSnapshot>(PermissionsHub.PermissionsChanged, s => s.Receipt is { } receipt ? acknowledging.InvokeAsync("Acknowledge", receipt) : Task.CompletedTask);
        await acknowledging.StartAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.TasksView, true, 1));

        var online = await presence.ReceiptAsync(user.Id);

        Assert.Equal((1, 1), (online.Applied, online.Open));
        Assert.Equal("Saved — Ron's open tab has it now.", ReceiptWording.For(online, "Ron"));

        // A client that received the push but never said it applied it is not counted as applied.
        await using var silent = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, PermissionsHub.Path), o => o.Cookies = session.Cookies).Build();
        await silent.StartAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.TasksView, false, 2));

        var partly = await presence.ReceiptAsync(user.Id);

        Assert.Equal((1, 2), (partly.Applied, partly.Open));
        Assert.Equal("Saved — 1 of Ron's 2 open tabs have it now.", ReceiptWording.For(partly, "Ron"));
    }

    [Fact]
    public async Task Receipt_DoesNotCountACircuitWhoseBrowserHasDropped()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Rita");
        var presence = host.Services.GetRequiredService<LivePresence>();
        var open = presence.Join(user.Id);
        var dropped = presence.Join(user.Id);
        presence.Connected(dropped, false);
        AccessChanged? seen = null;
        var notifier = host.Services.GetRequiredService<AccessNotifier>();
        using var subscription = notifier.Subscribe(user.Id, c => { seen = c; return Task.CompletedTask; });
        try
        {
            await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.Analytics, true, 0));
            await notifier.IdleAsync();
            presence.Applied(open, seen!);
            presence.Applied(dropped, seen!);

            var receipt = await presence.ReceiptAsync(user.Id);

            Assert.Equal((1, 1), (receipt.Applied, receipt.Open));
        }
        finally
        {
            presence.Leave(open);
            presence.Leave(dropped);
        }
    }

    [Fact]
    public async Task History_ListsTheUsersOwnChangesNewestFirst_WithTheirSource_AndExportsEscapedCsv()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Hana");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.Analytics, true, 0));
        await Plans(p => p.ApplyAsync(company.OwnerId, user.Id, new AccessPlan.Grant(Platform.Mobile, [PermissionKey.TasksView]), 1, ChangeSource.Bulk, false));
        // A name a spreadsheet would run as a formula, as the actor of a change.
        await host.DbAsync(async db =>
        {
            var owner = await db.Users.SingleAsync(u => u.Id == company.OwnerId);
            owner.FirstName = "=cmd";
            return await db.SaveChangesAsync();
        });
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.Analytics, false, 2));

        var history = (await host.WithScopeAsync(s => s.GetRequiredService<AuditQueries>().HistoryAsync(company.OwnerId, user.Id))).Value!;
        Assert.Equal([ChangeSource.Toggle, ChangeSource.Bulk, ChangeSource.Toggle], history.Select(h => h.Source));
        Assert.Equal(AuditAction.PermissionRevoked, history[0].Action);

        using var session = new BrowserSession(host);
        await session.SignInAsync(company.OwnerEmail, TestCompany.Password);
        var csv = await session.GetAsync($"/users/{user.Id}/permission-history.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^permission-history-hana-tester-\d{4}-\d{2}-\d{2}\.csv$", csv.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("'=cmd Owner", text);
        Assert.DoesNotContain(",=cmd", text);
        Assert.Equal(4, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task HistoryCsv_OfAnotherCompanysUser_IsNotFound_AndAnonymousIsSentToSignIn()
    {
        var company = await host.CreateCompanyAsync();
        var other = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);
        await session.SignInAsync(company.OwnerEmail, TestCompany.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/users/{other.OwnerId}/permission-history.csv")).StatusCode);
        using var anonymous = new BrowserSession(host);
        var response = await anonymous.GetAsync($"/users/{company.OwnerId}/permission-history.csv");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task OwnershipTransfer_EmailsBothOwners_AndLandsInBothHistories()
    {
        var company = await host.CreateCompanyAsync();
        var heir = await company.AddUserAsync("Henrietta");

        var result = await host.WithScopeAsync(s => s.GetRequiredService<OwnershipService>().TransferAsync(company.OwnerId, heir.Id, TestCompany.Password));

        Assert.True(result.Succeeded, result.Error);
        var given = await Mailbox.WaitForAsync(host.PickupDirectory, company.OwnerEmail, m => m.Subject!.StartsWith("You transferred ownership", StringComparison.Ordinal));
        Assert.Contains("Henrietta Tester", given.TextBody);
        var received = await Mailbox.WaitForAsync(host.PickupDirectory, heir.Email!, m => m.Subject!.StartsWith("You are now the owner", StringComparison.Ordinal));
        Assert.Contains("Olga Owner", received.TextBody);
        foreach (var id in new[] { company.OwnerId, heir.Id })
        {
            var history = (await host.WithScopeAsync(s => s.GetRequiredService<AuditQueries>().HistoryAsync(heir.Id, id))).Value!;
            Assert.Equal(ChangeSource.Ownership, Assert.Single(history, h => h.Action == AuditAction.OwnershipTransferred).Source);
        }
    }
}
