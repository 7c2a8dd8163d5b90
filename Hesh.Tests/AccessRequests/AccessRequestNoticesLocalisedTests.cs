using System.Globalization;
using Hesh.Core.AccessRequests;
using Hesh.Core.Common;
using Hesh.Core.Common.Localization;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Preferences;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.AccessRequests;

/// <summary>
/// Every notice of a request's life — asked, approved, declined, withdrawn, expired — keeps its shape on the way to
/// each reader, so a Ukrainian reader reads it in Ukrainian, what was asked for too (a mobile permission, a task edit
/// level), and an approval's end on their own clock; the English sentence stays as logs and the mobile contract have it.
/// </summary>
public sealed class AccessRequestNoticesLocalisedTests(AppHost host)
{
    private static readonly TimeZoneInfo Kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");

    private AccessNotifier Notifier => host.Services.GetRequiredService<AccessNotifier>();

    private Task<T> Requests<T>(Func<AccessRequestService, Task<T>> call) => host.Call(call);

    private Task<List<AccessChanged>> HeardByAsync(string userId, Func<Task> act) => host.HeardByAsync(userId, act);

    private static string InUkrainian(Func<string> words)
    {
        using (Languages.Speak(Languages.Ukrainian))
        {
            return words();
        }
    }

    private static string Name(PermissionKey key) => InUkrainian(() => PermissionCatalog.Get(key).Name());

    private static string Title(PermissionKey key) => PermissionCatalog.Get(key).Title;

    private async Task<Guid> AskAsync(string userId, AccessRequestInput input)
    {
        var created = await Requests(s => s.CreateAsync(userId, input));
        Assert.True(created.Succeeded, created.Error);
        return created.Value!.Id;
    }

    [Fact]
    public async Task ARequestForAMobilePermission_ReachesAUkrainianApprover_InUkrainian()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");

        var heard = await HeardByAsync(company.OwnerId, () => AskAsync(anna.Id,
            new AccessRequestInput(PermissionKey.ProductionsEdit, null, 60, Platform: Platform.Mobile)));

        var asked = Assert.Single(heard, c => c.Kind == AccessChangeKind.Requests);
        Assert.Equal($"Anna Tester requested {Title(PermissionKey.ProductionsEdit)} (mobile)", asked.Summary);
        Assert.Equal($"Anna Tester просить доступ до «{Name(PermissionKey.ProductionsEdit)} (мобільний)»", InUkrainian(() => asked.Words()));
    }

    [Fact]
    public async Task ATaskLevelRequestApprovedForAnHour_ReadsInUkrainian_WithItsEndOnTheReadersKyivClockNotInUtc()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var id = await AskAsync(anna.Id, new AccessRequestInput(PermissionKey.TaskEditLevel, null, 60, TaskScope.AllDepartments));
        var toOwner = new List<AccessChanged>();

        var heard = await HeardByAsync(anna.Id, async () =>
        {
            using var owner = Notifier.Subscribe(company.OwnerId, c => { lock (toOwner) { toOwner.Add(c); } return Task.CompletedTask; });
            var approved = await Requests(s => s.ApproveAsync(company.OwnerId, id));
            Assert.True(approved.Succeeded, approved.Error);
            await Notifier.IdleAsync();
        });

        var end = (await host.DbAsync(db => db.AccessRequests.AsNoTracking().SingleAsync(r => r.Id == id))).GrantedUntil!.Value;
        var level = InUkrainian(() => $"{PermissionCatalog.Get(PermissionKey.TaskEditLevel).Name()}: {TaskScope.AllDepartments.Name()}");
        var grant = Assert.Single(heard, c => c.Kind == AccessChangeKind.Permissions);
        Assert.Equal($"your request was approved: {Title(PermissionKey.TaskEditLevel)}: {TaskScope.AllDepartments.Title()} until {end.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
            grant.Summary);
        var local = TimeZoneInfo.ConvertTimeFromUtc(end, Kyiv);
        var date = local.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("uk"));
        var words = InUkrainian(() => grant.Words(Kyiv));
        Assert.Equal($"ваш запит схвалено: {level} до {date} о {local:HH:mm} Kyiv (UTC+{Kyiv.GetUtcOffset(end).Hours})", words);
        Assert.DoesNotContain($"{end:HH:mm} UTC", words);
        Assert.Equal($"Olga Owner схвалює запит користувача Anna Tester: {level}",
            InUkrainian(() => Assert.Single(toOwner, c => c.Format == "{0} approved {1}'s request: {2}").Words()));
    }

    [Fact]
    public async Task AnApprovalUntilSwitchedOff_ReadsInUkrainian_WithNoEnd()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var id = await AskAsync(anna.Id, new AccessRequestInput(PermissionKey.Analytics, null, null));

        var heard = await HeardByAsync(anna.Id, async () => Assert.True((await Requests(s => s.ApproveAsync(company.OwnerId, id))).Succeeded));

        var grant = Assert.Single(heard, c => c.Kind == AccessChangeKind.Permissions);
        Assert.Equal("your request was approved: Analytics", grant.Summary);
        Assert.Equal($"ваш запит схвалено: {Name(PermissionKey.Analytics)}", InUkrainian(() => grant.Words(Kyiv)));
    }

    [Fact]
    public async Task DeclinedAndWithdrawnRequests_ReadInUkrainian()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var declined = await AskAsync(anna.Id, new AccessRequestInput(PermissionKey.Analytics, null, 60));

        var toAnna = await HeardByAsync(anna.Id, async () => Assert.True((await Requests(s => s.DeclineAsync(company.OwnerId, declined, "not this week"))).Succeeded));
        var withdrawn = await AskAsync(anna.Id, new AccessRequestInput(PermissionKey.Analytics, null, 60));
        var toOwner = await HeardByAsync(company.OwnerId, async () => Assert.True((await Requests(s => s.WithdrawAsync(anna.Id, withdrawn))).Succeeded));

        Assert.Equal($"Olga Owner відхиляє запит користувача Anna Tester: {Name(PermissionKey.Analytics)}",
            InUkrainian(() => Assert.Single(toAnna, c => c.Format == "{0} declined {1}'s request: {2}").Words()));
        Assert.Equal($"Anna Tester відкликає запит: {Name(PermissionKey.Analytics)}",
            InUkrainian(() => Assert.Single(toOwner, c => c.Format == "{0} withdrew the request: {1}").Words()));
    }

    [Fact]
    public async Task AnUnansweredRequestsExpiry_ReadsInUkrainian()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var expired = new TaskCompletionSource<AccessChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var owner = Notifier.Subscribe(company.OwnerId, c =>
        {
            if (c.Summary.EndsWith("expired unanswered", StringComparison.Ordinal))
            {
                expired.TrySetResult(c);
            }
            return Task.CompletedTask;
        });
        // Asked long ago: the expiry (this test's run or the host's own loop, whichever comes first) ends it at once.
        var asked = new ManualClock(DateTimeOffset.UtcNow - AccessRequest.Lifetime - TimeSpan.FromHours(1));
        var created = await host.WithScopeAsync(s => ActivatorUtilities.CreateInstance<AccessRequestService>(s, (TimeProvider)asked)
            .CreateAsync(anna.Id, new AccessRequestInput(PermissionKey.TasksView, null, 60, Platform: Platform.Mobile)));
        Assert.True(created.Succeeded, created.Error);

        await host.WithScopeAsync(s => s.GetServices<IExpiringWork>().OfType<AccessRequestExpiry>().Single().RunDueAsync(DateTime.UtcNow));

        var change = await expired.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal($"Anna Tester's request for {Title(PermissionKey.TasksView)} (mobile) expired unanswered", change.Summary);
        Assert.Equal($"запит користувача Anna Tester на «{Name(PermissionKey.TasksView)} (мобільний)» минув без відповіді", InUkrainian(() => change.Words()));
    }

    [Fact]
    public async Task TheApproversInbox_NamesWhatIsAsked_InTheReadersLanguage_WhileTheAuditKeepsItsEnglish()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await AskAsync(anna.Id, new AccessRequestInput(PermissionKey.TaskEditLevel, null, 60, TaskScope.AllDepartments, Platform: Platform.Mobile));

        var inbox = await Requests(async s =>
        {
            using (Languages.Speak(Languages.Ukrainian))
            {
                return await s.WaitingForAsync(company.OwnerId);
            }
        });

        var row = Assert.Single(inbox.Waiting);
        var level = InUkrainian(() => $"{PermissionCatalog.Get(PermissionKey.TaskEditLevel).Name()}: {TaskScope.AllDepartments.Name()}");
        Assert.Equal($"{level} (мобільний)", row.What);
        Assert.DoesNotContain("Task edit level", row.What);
        var audited = await host.DbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.CompanyId == company.Id && e.Action == Hesh.Core.Audit.AuditAction.AccessRequested).Select(e => e.What).SingleAsync());
        Assert.Equal($"{Title(PermissionKey.TaskEditLevel)}: {TaskScope.AllDepartments.Title()} (mobile)", audited);
    }
}
