using Hesh.Core.Analytics;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Permissions;

/// <summary>
/// Every permission of the catalogue × the action it gates, through the services the screens call: a user holding
/// only that permission is allowed; a user without it is refused and the company's data is unchanged. A permission
/// added to the catalogue without an action here fails the walk.
/// </summary>
public sealed class PermissionWalkTests(AppHost host)
{
    private sealed record World(TestCompany Company, Guid ProductId, Guid ProductionId, Guid DoneTaskId, Guid QueuedTaskId, string Target);

    private delegate Task<bool> Gated(IServiceProvider services, string actorId, World world);

    private static readonly Dictionary<PermissionKey, Gated> Actions = new()
    {
        [PermissionKey.ProductsView] = async (s, me, w) => await s.GetRequiredService<ProductService>().GetAsync(me, w.ProductId) is not null,
        [PermissionKey.ProductsEdit] = async (s, me, w) => (await s.GetRequiredService<ProductService>().CreateAsync(me, new ProductInput { Name = "Walked" })).Succeeded,
        [PermissionKey.ProductionsView] = async (s, me, w) => await s.GetRequiredService<ProductionService>().GetAsync(me, w.ProductionId) is not null,
        [PermissionKey.ProductionsEdit] = async (s, me, w) => (await s.GetRequiredService<ProductionService>().LaunchAsync(me, new LaunchInput { ProductId = w.ProductId })).Succeeded,
        [PermissionKey.TasksView] = async (s, me, w) => (await s.GetRequiredService<TaskQueries>().ListAsync(me, new TaskQuery())).Succeeded,
        [PermissionKey.TaskEditLevel] = async (s, me, w) => (await s.GetRequiredService<TaskService>().AssignAsync(me, [w.QueuedTaskId], w.Target)).Succeeded,
        [PermissionKey.ManageFailedTasks] = async (s, me, w) => (await s.GetRequiredService<TaskService>().FailAsync(me, w.DoneTaskId, "Walk", null)).Succeeded,
        [PermissionKey.ManageInQueue] = async (s, me, w) => (await s.GetRequiredService<TaskService>().UnlockAsync(me, w.QueuedTaskId)).Succeeded,
        [PermissionKey.MyTasks] = async (s, me, w) => (await s.GetRequiredService<TaskQueries>().MyTasksAsync(me)) is not null,
        [PermissionKey.PositionsDepartments] = async (s, me, w) => (await s.GetRequiredService<PositionService>().AddDepartmentAsync(me, "Walked", null)).Succeeded,
        [PermissionKey.UsersPermissions] = async (s, me, w) => (await s.GetRequiredService<UserPermissionService>().ToggleAsync(me, w.Target, Platform.Web, PermissionKey.UsersPermissions, true, 0)).Succeeded,
        [PermissionKey.CompanyProfile] = async (s, me, w) => (await s.GetRequiredService<CompanyService>().UpdateAsync(me, new CompanyProfileInput { Name = "Walked Co", Currency = "EUR", KeyAbbreviation = "WK" })).Succeeded,
        [PermissionKey.Analytics] = async (s, me, w) => await s.GetRequiredService<AnalyticsService>().GetAsync(me) is not null,
    };

    public static TheoryData<PermissionKey> Keys() => new(PermissionCatalog.All.Select(p => p.Key));

    private async Task<World> WorldAsync()
    {
        var company = await host.CreateCompanyAsync();
        var performer = await company.AddUserAsync("Performer");
        var target = await company.AddUserAsync("Target");
        T Use<T>(IServiceProvider s) where T : notnull => s.GetRequiredService<T>();
        var productId = (await host.WithScopeAsync(s => Use<ProductService>(s).CreateAsync(company.OwnerId, new ProductInput { Name = "Gate" }))).Value;
        await host.WithScopeAsync(s => Use<ProductService>(s).SaveDraftAsync(company.OwnerId, productId, new ProductInput { Name = "Gate" },
            [new StepInput { Name = "One" }, new StepInput { Name = "Two" }, new StepInput { Name = "Three" }]));
        await host.WithScopeAsync(s => Use<ProductService>(s).PublishAsync(company.OwnerId, productId));
        var productionId = (await host.WithScopeAsync(s => Use<ProductionService>(s).LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId }))).Value;
        var tasks = (await host.WithScopeAsync(s => Use<ProductionService>(s).GetAsync(company.OwnerId, productionId)))!.Tasks;
        await host.WithScopeAsync(s => Use<TaskService>(s).AssignAsync(company.OwnerId, [tasks[0].Id], performer.Id));
        await host.WithScopeAsync(s => Use<TaskService>(s).StartAsync(performer.Id, tasks[0].Id));
        await host.WithScopeAsync(s => Use<TaskService>(s).FinishAsync(performer.Id, tasks[0].Id));
        return new World(company, productId, productionId, tasks[0].Id, tasks[2].Id, target.Id);
    }

    private async Task<string> ActorWithAsync(World world, PermissionKey? key)
    {
        var actor = await world.Company.AddUserAsync("Actor");
        if (key is { } k && !PermissionCatalog.Get(k).IsAlwaysOn(Platform.Web))
        {
            var permissions = (Func<UserPermissionService, Task<Result<PermissionSheet>>> f) => host.WithScopeAsync(s => f(s.GetRequiredService<UserPermissionService>()));
            var granted = k == PermissionKey.TaskEditLevel
                ? await permissions(s => s.SetTaskScopeAsync(world.Company.OwnerId, actor.Id, Platform.Web, TaskScope.AllDepartments, 0))
                : await permissions(s => s.ToggleAsync(world.Company.OwnerId, actor.Id, Platform.Web, k, true, 0));
            Assert.True(granted.Succeeded, granted.Error);
        }
        return actor.Id;
    }

    /// <summary>What any gated action could change, for the company: refused means all of it stays equal.</summary>
    private Task<string> FingerprintAsync(World world) => host.DbAsync(async db =>
    {
        var c = world.Company.Id;
        var company = await db.Companies.AsNoTracking().SingleAsync(x => x.Id == c);
        var tasks = await db.ProductionTasks.AsNoTracking().Where(t => t.CompanyId == c).OrderBy(t => t.Key).Select(t => $"{t.Status}{t.InQueue}{t.AssigneeId}").ToListAsync();
        var target = await db.Users.AsNoTracking().SingleAsync(u => u.Id == world.Target);
        return string.Join("|", company.Name, company.KeyAbbreviation, await db.Products.CountAsync(p => p.CompanyId == c),
            await db.Productions.CountAsync(p => p.CompanyId == c), await db.Departments.CountAsync(d => d.CompanyId == c),
            await db.TaskFailures.CountAsync(f => f.CompanyId == c), target.WebAccess.Serialize(), string.Join(",", tasks));
    });

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task HoldingThePermission_AllowsItsAction(PermissionKey key)
    {
        Assert.True(Actions.ContainsKey(key), $"No gated action is walked for {key}.");
        var world = await WorldAsync();
        var actor = await ActorWithAsync(world, key);

        Assert.True(await host.WithScopeAsync(s => Actions[key](s, actor, world)), $"{key} was held but its action was refused.");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task LackingThePermission_RefusesItsAction_AndChangesNothing(PermissionKey key)
    {
        if (PermissionCatalog.Get(key).IsAlwaysOn(Platform.Web))
        {
            Assert.Skip($"{key} is always on: nobody lacks it.");
        }
        var world = await WorldAsync();
        var actor = await ActorWithAsync(world, key == PermissionKey.TaskEditLevel ? PermissionKey.TasksView : null);
        var before = await FingerprintAsync(world);

        Assert.False(await host.WithScopeAsync(s => Actions[key](s, actor, world)), $"{key} was not held but its action went through.");
        Assert.Equal(before, await FingerprintAsync(world));
    }
}
