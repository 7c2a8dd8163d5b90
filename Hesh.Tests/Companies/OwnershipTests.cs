using Hesh.Core.Audit;
using Hesh.Core.Companies;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Companies;

public sealed class OwnershipTests(AppHost host)
{
    private Task<Hesh.Core.Common.Result> TransferAsync(string actorId, string toId, string password) =>
        host.WithScopeAsync(s => s.GetRequiredService<OwnershipService>().TransferAsync(actorId, toId, password));

    private Task<List<string>> OwnersAsync(Guid companyId) =>
        host.DbAsync(db => db.Users.Where(u => u.CompanyId == companyId && u.IsOwner).Select(u => u.Id).ToListAsync());

    [Fact]
    public async Task Owner_TransfersWithTheirPassword_NewOwnerIsAdmin_FormerOwnerStaysAdmin()
    {
        var company = await host.CreateCompanyAsync();
        var heir = await company.AddUserAsync("Heir");

        var result = await TransferAsync(company.OwnerId, heir.Id, TestCompany.Password);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([heir.Id], await OwnersAsync(company.Id));
        Assert.True((await host.FindUserAsync(heir.Id))!.IsAdmin);
        Assert.True((await host.FindUserAsync(company.OwnerId))!.IsAdmin);
        Assert.True(await host.DbAsync(db => db.AuditEntries.AnyAsync(e => e.SubjectId == heir.Id && e.Action == AuditAction.OwnershipTransferred)));
    }

    [Fact]
    public async Task WrongPassword_IsRefusedOnThePasswordField_AndNothingChanges()
    {
        var company = await host.CreateCompanyAsync();
        var heir = await company.AddUserAsync("Heir");

        var result = await TransferAsync(company.OwnerId, heir.Id, "Wrong-pass-1");

        Assert.Equal("The password is not correct.", result.FieldErrors["Password"]);
        Assert.Equal([company.OwnerId], await OwnersAsync(company.Id));
    }

    [Fact]
    public async Task AnAdminWhoIsNotTheOwner_CannotTransfer()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Admin", admin: true);
        var heir = await company.AddUserAsync("Heir");

        var result = await TransferAsync(admin.Id, heir.Id, TestCompany.Password);

        Assert.False(result.Succeeded);
        Assert.Equal([company.OwnerId], await OwnersAsync(company.Id));
    }

    [Theory]
    [InlineData(UserStatus.Pending)]
    [InlineData(UserStatus.Inactive)]
    public async Task Ownership_CannotGoToAUserWhoIsNotActive(UserStatus status)
    {
        var company = await host.CreateCompanyAsync();
        var heir = await company.AddUserAsync("Heir", status);

        var result = await TransferAsync(company.OwnerId, heir.Id, TestCompany.Password);

        Assert.False(result.Succeeded);
        Assert.Equal([company.OwnerId], await OwnersAsync(company.Id));
    }

    [Fact]
    public async Task Ownership_CannotGoToAnotherCompanysUser()
    {
        var company = await host.CreateCompanyAsync();
        var other = await host.CreateCompanyAsync();
        var stranger = await other.AddUserAsync("Stranger");

        var result = await TransferAsync(company.OwnerId, stranger.Id, TestCompany.Password);

        Assert.True(result.IsNotFound);
        Assert.Equal([company.OwnerId], await OwnersAsync(company.Id));
        Assert.Equal([other.OwnerId], await OwnersAsync(other.Id));
    }

    [Fact]
    public async Task TwentyParallelTransfers_EndWithExactlyOneOwner()
    {
        var company = await host.CreateCompanyAsync();
        var heirs = new List<HeshUser>();
        for (var i = 0; i < 20; i++)
        {
            heirs.Add(await company.AddUserAsync($"Heir{(char)('a' + i)}"));
        }

        var results = await Task.WhenAll(heirs.Select(h => Task.Run(() => TransferAsync(company.OwnerId, h.Id, TestCompany.Password))));

        var owners = await OwnersAsync(company.Id);
        Assert.Single(owners);
        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Contains(owners[0], heirs.Select(h => h.Id));
        TestContext.Current.SendDiagnosticMessage($"20 parallel transfers: {results.Count(r => r.Succeeded)} succeeded, {owners.Count} owner");
    }
}
