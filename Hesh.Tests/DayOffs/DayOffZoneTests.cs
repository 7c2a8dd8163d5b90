using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using DayOffService = Hesh.Core.DayOffs.DayOffService;

namespace Hesh.Tests.DayOffs;

public sealed class DayOffZoneTests(AppHost host)
{
    private async Task<TestCompany> KyivCompanyAsync()
    {
        var company = await host.CreateCompanyAsync();
        await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.TimeZone, "Europe/Kyiv")));
        return company;
    }

    private Task<T> DayOffs<T>(Func<DayOffService, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<DayOffService>()));

    [Theory]
    [InlineData(1, 20)] // winter: UTC+2
    [InlineData(7, 19)] // summer: UTC+3
    public async Task DayOffEnteredAt22KyivTime_IsStoredInUtcBySeason(int month, int utcHour)
    {
        var company = await KyivCompanyAsync();
        var user = await company.AddUserAsync("Zoned");
        var start = new DateTime(2027, month, 10, 22, 0, 0);

        var added = await DayOffs(s => s.AddLocalAsync(company.OwnerId, user.Id, start, start.AddDays(1), null));

        Assert.True(added.Succeeded, added.Error);
        var stored = Assert.Single((await DayOffs(s => s.ListAsync(company.OwnerId, user.Id)))!);
        Assert.Equal(new DateTime(2027, month, 10, utcHour, 0, 0), stored.Start);
        Assert.Equal(new DateTime(2027, month, 11, utcHour, 0, 0), stored.End);
    }

    [Fact]
    public async Task DayOffAcrossTheOctoberChange_KeepsItsWallClockEnds()
    {
        var company = await KyivCompanyAsync();
        var user = await company.AddUserAsync("Autumn");

        Assert.True((await DayOffs(s => s.AddLocalAsync(company.OwnerId, user.Id, new DateTime(2027, 10, 30, 22, 0, 0), new DateTime(2027, 11, 1, 22, 0, 0), null))).Succeeded);

        var stored = Assert.Single((await DayOffs(s => s.ListAsync(company.OwnerId, user.Id)))!);
        Assert.Equal(new DateTime(2027, 10, 30, 19, 0, 0), stored.Start);
        Assert.Equal(new DateTime(2027, 11, 1, 20, 0, 0), stored.End);
    }

    [Fact]
    public async Task CompanyWithAGarbageZone_TakesDayOffsAsUtc()
    {
        var company = await host.CreateCompanyAsync();
        await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.TimeZone, "Mars/Olympus")));
        var user = await company.AddUserAsync("Martian");
        var start = new DateTime(2027, 1, 10, 22, 0, 0);

        Assert.True((await DayOffs(s => s.AddLocalAsync(company.OwnerId, user.Id, start, start.AddHours(5), null))).Succeeded);

        Assert.Equal(start, Assert.Single((await DayOffs(s => s.ListAsync(company.OwnerId, user.Id)))!).Start);
    }

    [Fact]
    public async Task AnotherCompanysAdmin_CannotAddALocalDayOff()
    {
        var company = await KyivCompanyAsync();
        var user = await company.AddUserAsync("Target");
        var other = await host.CreateCompanyAsync();
        var before = await Hesh.Tests.Security.DbFingerprint.TakeAsync(host, company.Id);

        var result = await DayOffs(s => s.AddLocalAsync(other.OwnerId, user.Id, new DateTime(2027, 1, 10, 22, 0, 0), new DateTime(2027, 1, 11, 22, 0, 0), null));

        Assert.True(result.IsNotFound);
        Assert.Equal(before, await Hesh.Tests.Security.DbFingerprint.TakeAsync(host, company.Id));
    }
}
