using Hesh.Core.Data;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Hosting;

public sealed class DatabaseTests(AppHost host)
{
    [Fact]
    public async Task Model_HasNoChangesWithoutAMigration() =>
        Assert.False(await host.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<HeshDbContext>().Database.HasPendingModelChanges())));

    [Fact]
    public async Task SecondOwnerInACompany_IsRefusedByTheDatabase()
    {
        var company = await host.CreateCompanyAsync();
        var other = await company.AddUserAsync("Usurper");

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => host.DbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == other.Id);
            user.IsOwner = true;
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("UNIQUE", error.InnerException!.Message);
    }
}

public sealed class DemoDataTests(AppHost host)
{
    [Fact]
    public async Task DemoWorkshop_HasPeopleProductsAndProductionsInSeveralStatuses()
    {
        await host.SeedDemoAsync();

        var owner = await host.DbAsync(db => db.Users.SingleAsync(u => u.Email == "owner@demo.hesh"));
        var statuses = await host.DbAsync(db => db.Productions.Where(p => p.CompanyId == owner.CompanyId).OrderBy(p => p.Number).Select(p => p.Status).ToListAsync());

        Assert.Equal([Hesh.Core.Productions.ProductionStatus.Done, Hesh.Core.Productions.ProductionStatus.InProgress,
            Hesh.Core.Productions.ProductionStatus.Stopped, Hesh.Core.Productions.ProductionStatus.ToDo], statuses);
        Assert.True(owner.IsOwner);
        Assert.True(await host.DbAsync(db => db.Products.CountAsync(p => p.CompanyId == owner.CompanyId)) >= 2);
    }
}
