using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Sessions;
using Hesh.Core.TwoFactor;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hesh.Tests.Live;

/// <summary>
/// The one write path: every change of access a service commits reaches the user's open tabs, announced by the
/// store's interceptor after the commit — and nothing is announced for what did not commit.
/// </summary>
public sealed class AnnouncementTests(AppHost host)
{
    private AccessNotifier Notifier => host.Services.GetRequiredService<AccessNotifier>();

    private Task<List<AccessChanged>> HeardByAsync(string userId, Func<Task> act) => host.HeardByAsync(userId, act);

    private async Task AssertAnnouncedAsync(string userId, AccessChangeKind kind, Func<Task<Result>> act)
    {
        Result? result = null;
        var heard = await HeardByAsync(userId, async () => result = await act());
        Assert.True(result!.Succeeded, result.Error);
        // Announced by the service in its own words, not caught by the interceptor's safety net.
        Assert.Contains(heard, c => c.Kind == kind && c.UserId == userId && c.Summary != AccessAnnouncer.GeneralWords);
    }

    private Task<Result> Call<TService>(Func<TService, Task<Result>> call) where TService : notnull => host.Call<TService, Result>(call);

    [Fact]
    public async Task APermissionToggled_IsAnnouncedToTheUser_WithWhoDidIt()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        Result<PermissionSheet>? result = null;
        var heard = await HeardByAsync(anna.Id, async () => result = await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, true, 0)));

        Assert.True(result!.Succeeded, result.Error);
        var change = Assert.Single(heard);
        Assert.Equal((AccessChangeKind.Permissions, company.OwnerId, "Olga Owner", "Analytics (web access) switched on"),
            (change.Kind, change.ActorId, change.ActorName, change.Summary));
    }

    [Fact]
    public async Task AdminRights_AreAnnounced() =>
        await WithUser(async (company, user) => await AssertAnnouncedAsync(user.Id, AccessChangeKind.Admin, async () =>
            (Result)(await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.SetAdminAsync(company.OwnerId, user.Id, true, 0)))));

    [Fact]
    public async Task ATemplateApplied_IsAnnounced() =>
        await WithUser(async (company, user) => await AssertAnnouncedAsync(user.Id, AccessChangeKind.Permissions, async () =>
            (Result)(await host.Call<AccessPlanService, Result<AccessPreview>>(s => s.ApplyAsync(company.OwnerId, user.Id,
                new AccessPlan.Grant(Platform.Web, [PermissionKey.Analytics]), 0, ChangeSource.Bulk, false)))));

    [Fact]
    public async Task AStatusChange_IsAnnounced() =>
        await WithUser((company, user) => AssertAnnouncedAsync(user.Id, AccessChangeKind.Status,
            () => Call<UserAdministration>(s => s.ApplyStatusActionAsync(company.OwnerId, user.Id, StatusAction.Inactivate))));

    [Fact]
    public async Task APasswordSetByAnAdmin_IsAnnounced() =>
        await WithUser((company, user) => AssertAnnouncedAsync(user.Id, AccessChangeKind.Password,
            () => Call<UserAdministration>(s => s.SetPasswordAsync(company.OwnerId, user.Id,
                new NewPasswordInput { Password = "Brand-new-pass-7", ConfirmPassword = "Brand-new-pass-7" }))));

    [Fact]
    public async Task OnesOwnPasswordChange_IsAnnounced() =>
        await WithUser((_, user) => AssertAnnouncedAsync(user.Id, AccessChangeKind.Password,
            () => Call<MyAccountService>(s => s.ChangeOwnPasswordAsync(user.Id, new ChangeOwnPasswordInput
            {
                CurrentPassword = TestCompany.Password, Password = "Brand-new-pass-7", ConfirmPassword = "Brand-new-pass-7",
            }))));

    [Fact]
    public async Task TheRequiredPasswordFlag_IsAnnounced() =>
        await WithUser((company, user) => AssertAnnouncedAsync(user.Id, AccessChangeKind.PasswordRequired,
            () => Call<UserAdministration>(s => s.RequirePasswordChangeAsync(company.OwnerId, user.Id, true))));

    [Fact]
    public async Task EndedSessions_AreAnnounced_NamingTheSession()
    {
        await WithUser(async (company, user) =>
        {
            var session = await host.WithScopeAsync(async s => await s.GetRequiredService<SessionService>()
                .BeginAsync((await s.GetRequiredService<HeshDbContext>().Users.SingleAsync(u => u.Id == user.Id)), "test", "127.0.0.1"));
            Result<int>? result = null;
            var heard = await HeardByAsync(user.Id, async () =>
                result = await host.Call<SessionService, Result<int>>(s => s.EndAsync(company.OwnerId, user.Id, session)));
            Assert.True(result!.Succeeded, result.Error);
            Assert.Equal((AccessChangeKind.Sessions, session), (Assert.Single(heard).Kind, heard[0].SessionId));
        });
    }

    [Fact]
    public async Task AnOwnershipTransfer_IsAnnouncedToBothPeople_AfterItsTransactionCommits()
    {
        var company = await host.CreateCompanyAsync();
        var next = await company.AddUserAsync("Nina");
        var toFormer = new List<AccessChanged>();
        using var former = Notifier.Subscribe(company.OwnerId, c => { toFormer.Add(c); return Task.CompletedTask; });

        var heard = await HeardByAsync(next.Id, () => Call<OwnershipService>(s => s.TransferAsync(company.OwnerId, next.Id, TestCompany.Password)));

        Assert.Equal("You are now the Company owner", Assert.Single(heard, c => c.Kind == AccessChangeKind.Ownership).Summary);
        Assert.Equal($"Ownership transferred to {next.FullName}", Assert.Single(toFormer, c => c.Kind == AccessChangeKind.Ownership).Summary);
    }

    [Fact]
    public async Task ACompanysTwoFactorPolicy_IsAnnouncedCompanyWide_AndToEachPersonNewlyAsked()
    {
        await WithUser(async (company, user) =>
        {
            var toCompany = new List<AccessChanged>();
            using var all = Notifier.SubscribeCompany(company.Id, c => { toCompany.Add(c); return Task.CompletedTask; });
            var heard = await HeardByAsync(user.Id, () => Call<SecurityPolicyService>(s => s.SetAsync(company.OwnerId, TwoFactorPolicy.RequiredForEveryone, 7)));

            Assert.Equal(AccessChangeKind.TwoFactor, Assert.Single(heard).Kind);
            Assert.Equal(("", AccessChangeKind.TwoFactor), (Assert.Single(toCompany).UserId, toCompany[0].Kind));
        });
    }

    [Fact]
    public async Task AChangeSavedWithoutItsAnnouncement_IsAnnouncedAnyway_InGeneralWords()
    {
        await WithUser(async (_, user) =>
        {
            var heard = await HeardByAsync(user.Id, () => host.WithScopeAsync(async s =>
            {
                var db = s.GetRequiredService<HeshDbContext>();
                var tracked = await db.Users.SingleAsync(u => u.Id == user.Id);
                tracked.IsAdmin = true;
                await db.SaveChangesAsync();
            }));

            Assert.Equal((AccessChangeKind.Admin, AccessAnnouncer.GeneralWords), (Assert.Single(heard).Kind, heard[0].Summary));
        });
    }

    [Fact]
    public async Task Strict_AChangeSavedWithoutItsAnnouncement_IsRefused_AndNothingIsSaved()
    {
        await WithUser(async (_, user) =>
        {
            var strict = new AccessAnnouncer(host.Services.GetRequiredService<IAccessChanges>(), Options.Create(new AccessAnnouncerOptions { Strict = true }),
                NullLogger<AccessAnnouncer>.Instance);
            await using (var db = Context(strict))
            {
                var tracked = await db.Users.SingleAsync(u => u.Id == user.Id);
                tracked.IsAdmin = true;
                var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
                Assert.Contains("without an announcement", refused.Message);
            }
            Assert.False((await host.FindUserAsync(user.Id))!.IsAdmin);
        });
    }

    [Fact]
    public async Task NothingIsAnnounced_ForATransactionRolledBack()
    {
        await WithUser(async (company, user) =>
        {
            var heard = await HeardByAsync(user.Id, () => host.WithScopeAsync(async s =>
            {
                var db = s.GetRequiredService<HeshDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var tracked = await db.Users.SingleAsync(u => u.Id == user.Id);
                tracked.IsAdmin = true;
                Hesh.Core.Audit.AuditLog.Record(db, DateTime.UtcNow, null, tracked, Hesh.Core.Audit.AuditAction.AdminGranted, "Administrator")
                    .Announce(AccessChangeKind.Admin, "Administrator rights granted");
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }));

            Assert.Empty(heard);
            Assert.False((await host.FindUserAsync(user.Id))!.IsAdmin);
        });
    }

    private HeshDbContext Context(AccessAnnouncer announcer)
    {
        using var scope = host.Services.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<HeshDbContext>().Database.GetConnectionString();
        return new HeshDbContext(new DbContextOptionsBuilder<HeshDbContext>().UseSqlite(connection).AddInterceptors(announcer).Options);
    }

    private async Task WithUser(Func<TestCompany, HeshUser, Task> test)
    {
        var company = await host.CreateCompanyAsync();
        await test(company, await company.AddUserAsync("Petra"));
    }
}
