using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.DayOffs;

public sealed class DayOffServiceTests(AppHost host)
{
    private Task<T> DayOffs<T>(Func<Hesh.Core.DayOffs.DayOffService, Task<T>> call) =>
        host.WithScopeAsync(s => call(s.GetRequiredService<Hesh.Core.DayOffs.DayOffService>()));

    [Fact]
    public async Task AdminAddsADayOff_ItIsListed_AndTheUsersListMarksTheUserWhileItLasts()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Resting");
        var now = DateTime.UtcNow;

        var added = await DayOffs(s => s.AddAsync(company.OwnerId, user.Id, now.AddHours(-1), now.AddDays(1), "Holiday"));

        Assert.True(added.Succeeded, added.Error);
        Assert.Equal("Holiday", Assert.Single((await DayOffs(s => s.ListAsync(user.Id, user.Id)))!).Note);
        var rows = (await host.WithScopeAsync(s => s.GetRequiredService<UserQueries>().ListAsync(company.OwnerId, new UserListQuery())))!.Value!.Items;
        Assert.True(rows.Single(r => r.Id == user.Id).OnDayOff);
        Assert.False(rows.Single(r => r.Id == company.OwnerId).OnDayOff);
    }

    [Fact]
    public async Task OverlappingOrInvertedDayOff_IsRefused_AndNothingIsAdded()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Busy");
        var start = new DateTime(2027, 1, 4, 8, 0, 0, DateTimeKind.Utc);
        await DayOffs(s => s.AddAsync(company.OwnerId, user.Id, start, start.AddDays(2), null));

        var overlap = await DayOffs(s => s.AddAsync(company.OwnerId, user.Id, start.AddDays(1), start.AddDays(3), null));
        var inverted = await DayOffs(s => s.AddAsync(company.OwnerId, user.Id, start.AddDays(5), start.AddDays(4), null));

        Assert.Contains("overlaps", overlap.FieldErrors["End"]);
        Assert.Contains("end after it starts", inverted.FieldErrors["End"]);
        Assert.Single((await DayOffs(s => s.ListAsync(company.OwnerId, user.Id)))!);
    }

    [Fact]
    public async Task NonAdmin_CannotAddOrRemoveDayOffs_AndAnotherCompanyCannotSeeThem()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Self");
        var start = new DateTime(2027, 2, 1, 8, 0, 0, DateTimeKind.Utc);
        await DayOffs(s => s.AddAsync(company.OwnerId, user.Id, start, start.AddDays(1), null));
        var id = (await DayOffs(s => s.ListAsync(company.OwnerId, user.Id)))!.Single().Id;
        var other = await host.CreateCompanyAsync();

        Assert.False((await DayOffs(s => s.AddAsync(user.Id, user.Id, start.AddDays(3), start.AddDays(4), null))).Succeeded);
        Assert.False((await DayOffs(s => s.RemoveAsync(user.Id, user.Id, id))).Succeeded);
        Assert.True((await DayOffs(s => s.RemoveAsync(other.OwnerId, user.Id, id))).IsNotFound);
        Assert.Null(await DayOffs(s => s.ListAsync(other.OwnerId, user.Id)));
        Assert.Single((await DayOffs(s => s.ListAsync(company.OwnerId, user.Id)))!);
    }
}
