using Hesh.Core.Data;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Web;

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
