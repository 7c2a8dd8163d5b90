using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Positions;

public sealed class UserPlacementTests(AppHost host)
{
    [Fact]
    public async Task AddUser_WithDepartmentAndPosition_PlacesThem_AndTheListFiltersByThem()
    {
        var company = await host.CreateCompanyAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().AddDepartmentAsync(company.OwnerId, "Welding", null));
        await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().AddPositionAsync(company.OwnerId, "Welder"));
        var chart = (await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().GetChartAsync(company.OwnerId)))!;
        var (welding, welder) = (chart.Departments.Single().Id, chart.Positions.Single().Id);

        var invited = await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().InviteAsync(company.OwnerId, new InviteUserInput
        {
            Email = $"wendy-{company.Tag}@test.hesh", FirstName = "Wendy", LastName = "Welder", DepartmentId = welding, PositionId = welder,
        }));
        await company.AddUserAsync("Elsewhere");

        var inDepartment = await host.WithScopeAsync(s => s.GetRequiredService<UserQueries>().ListAsync(company.OwnerId, new UserListQuery(DepartmentId: welding)));
        var byPosition = await host.WithScopeAsync(s => s.GetRequiredService<UserQueries>().ListAsync(company.OwnerId, new UserListQuery(PositionId: welder)));

        var row = Assert.Single(inDepartment.Value!.Items);
        Assert.Equal(invited.Value, row.Id);
        Assert.Equal(("Welding", "Welder"), (row.Department, row.Position));
        Assert.Equal(invited.Value, Assert.Single(byPosition.Value!.Items).Id);
    }

    [Fact]
    public async Task AddUser_WithAnotherCompanysDepartment_IsRefused_AndCreatesNobody()
    {
        var company = await host.CreateCompanyAsync();
        var other = await host.CreateCompanyAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().AddDepartmentAsync(other.OwnerId, "Theirs", null));
        var theirs = (await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().GetChartAsync(other.OwnerId)))!.Departments.Single().Id;
        var email = $"stray-{company.Tag}@test.hesh";

        var result = await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().InviteAsync(company.OwnerId,
            new InviteUserInput { Email = email, FirstName = "Stray", LastName = "Cat", DepartmentId = theirs }));

        Assert.Contains(nameof(InviteUserInput.DepartmentId), result.FieldErrors.Keys);
        Assert.False(await host.DbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }
}
