using Hesh.Core.Audit;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Faults;

public sealed class ConcurrencyTests(AppHost host)
{
    private const int TogglesPerAdmin = 1000;

    [Fact]
    public async Task TwoAdminsToggling_TheSameUser_1000TimesEach_EndInASerialOrder_WithEveryChangeAudited()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Ada", admin: true);
        var target = await company.AddUserAsync("Tom");
        var sheet = (await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().GetAsync(company.OwnerId, target.Id)))!;
        var keys = sheet.Web.Toggles.Where(t => t.Lock is null && t.Permission.Key != PermissionKey.TaskEditLevel).Select(t => t.Permission.Key).ToArray();
        Assert.True(keys.Length >= 5, "enough switchable permissions to make the race interesting");
        var initial = (await host.FindUserAsync(target.Id))!;

        var results = await Task.WhenAll(
            Task.Run(() => ToggleManyAsync(company.OwnerId, target.Id, keys, seed: 1)),
            Task.Run(() => ToggleManyAsync(admin.Id, target.Id, keys, seed: 2)));

        var final = (await host.FindUserAsync(target.Id))!;
        var entries = await host.DbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.SubjectId == target.Id && (e.Action == AuditAction.PermissionGranted || e.Action == AuditAction.PermissionRevoked))
            .OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2 * TogglesPerAdmin, entries.Count);
        Assert.Equal(initial.AccessVersion + 2 * TogglesPerAdmin, final.AccessVersion);
        Assert.Equal(TogglesPerAdmin, entries.Count(e => e.ActorId == company.OwnerId));
        Assert.Equal(TogglesPerAdmin, entries.Count(e => e.ActorId == admin.Id));
        // Replayed in commit order, each change starts where the previous one ended and the last ends in the stored state.
        Assert.Equal(initial.WebAccess.Describe(), entries[0].Before);
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.Equal(entries[i - 1].After, entries[i].Before);
        }
        Assert.Equal(entries[^1].After, final.WebAccess.Describe());
        // The two really raced: each was turned back at least once by the other's commit.
        Assert.All(results, r => Assert.True(r.Stale > 0, "no stale refusal: the admins did not overlap"));
    }

    private async Task<(int Done, int Stale)> ToggleManyAsync(string actorId, string userId, PermissionKey[] keys, int seed)
    {
        var random = new Random(seed);
        var version = (await host.FindUserAsync(userId))!.AccessVersion;
        var (done, stale) = (0, 0);
        while (done < TogglesPerAdmin)
        {
            var key = keys[random.Next(keys.Length)];
            var result = await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
                .ToggleAsync(actorId, userId, Platform.Web, key, random.Next(2) == 0, version));
            version = result.Value!.Version;
            if (result.Succeeded)
            {
                done++;
            }
            else
            {
                Assert.Equal(Refusal.Stale.Message, result.Error);
                stale++;
            }
        }
        return (done, stale);
    }

    [Fact]
    public async Task FiftyConcurrentOwnershipTransfers_LeaveExactlyOneOwner()
    {
        var company = await host.CreateCompanyAsync();
        var candidates = new List<HeshUser>();
        for (var i = 0; i < 50; i++)
        {
            candidates.Add(await company.AddUserAsync($"Heir{i}"));
        }

        var outcomes = await Task.WhenAll(candidates.Select(c => Task.Run(async () =>
            (c.Id, Result: await host.WithScopeAsync(s => s.GetRequiredService<OwnershipService>().TransferAsync(company.OwnerId, c.Id, TestCompany.Password))))));

        var winner = Assert.Single(outcomes, o => o.Result.Succeeded);
        var owners = await host.DbAsync(db => db.Users.Where(u => u.CompanyId == company.Id && u.IsOwner).Select(u => u.Id).ToListAsync());
        Assert.Equal(winner.Id, Assert.Single(owners));
        Assert.Equal(1, await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.CompanyId == company.Id && e.Action == AuditAction.OwnershipTransferred
            && e.SubjectId == winner.Id)));
    }
}
